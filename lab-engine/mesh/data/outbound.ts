// A proxy routing a request: the client sidecar's outbound listeners, or a gateway's server listeners.
//
// Sidecar (Istio traffic capture): iptables send the app's connection to 15001; the
// listener for its original destination decides. HTTP goes through routes; TCP and
// TLS go straight to a cluster; unknown destinations follow the outbound traffic
// policy (PassthroughCluster under ALLOW_ANY, BlackHoleCluster under REGISTRY_ONLY:
// plain HTTP gets 502 from the block_all route, TLS a reset that curl reports as
// exit 35 -- Istio's "Accessing External Services" task).
// Gateway: the connection arrives on a server port (8080/8443 behind the ingress
// Service); TLS servers terminate with the credential the Gateway names.
import type { KubeObject } from '../../cluster/types'
import type { Flow } from '../../core/flow'
import type { ProxyConfig, RouteConfiguration } from '../control/types'
import { CONNECT_MS, jittered, SIDECAR_HOP_MS } from './latency'
import type { MeshNetwork } from './network'
import { chainFor, listenerFor, routeFor, virtualHostFor } from './route-select'
import { forward, localReply, pickWeighted } from './router'
import type { ClientSide } from './server-side'
import { hostOnly, type MeshRequest, type MeshResult } from './types'

/** The client pod's sidecar handles a request its app sent. */
export function* sidecarOutbound(net: MeshNetwork, pod: KubeObject, cfg: ProxyConfig, req: MeshRequest): Flow<MeshResult> {
  const sidecarTime = net.scheduler.pause(jittered(net.rng, SIDECAR_HOP_MS))
  if (sidecarTime) yield sidecarTime
  const listener = listenerFor(cfg, req.dstIp, req.dstPort)
  req.trace?.add({ kind: 'listener', proxy: proxyName(pod), direction: 'outbound', name: listener?.name ?? `${req.dstIp}_${req.dstPort}`, matched: !!listener })
  if (!listener) return { kind: 'failure', curlExitCode: 56, message: 'Recv failure: Connection reset by peer' }
  const sni = req.scheme === 'https' ? (req.sni ?? hostOnly(req.authority)) : undefined
  const choice = chainFor(listener, req, sni)
  if (choice.kind === 'closed') return reset(req)
  if (choice.kind === 'tcp') return yield* tcpProxy(net, pod, cfg, choice.cluster, req)
  if (choice.kind === 'tcpWeighted') return yield* tcpProxy(net, pod, cfg, pickWeighted(net, choice.clusters)?.cluster ?? 'BlackHoleCluster', req)
  return yield* httpRoute(net, pod, cfg, cfg.routes.get(choice.routeConfigName), req)
}

function* httpRoute(net: MeshNetwork, pod: KubeObject, cfg: ProxyConfig, rc: RouteConfiguration | undefined, req: MeshRequest): Flow<MeshResult> {
  const vhost = rc && virtualHostFor(rc.virtualHosts, req.authority)
  const choice = routeFor(vhost, req)
  const origin = choice.kind === 'route' ? choice.route.origin : undefined
  req.trace?.add({
    kind: 'route', proxy: proxyName(pod), routeConfig: rc?.name ?? '', matched: choice.kind === 'route',
    ...(origin ? { virtualService: origin.virtualService, ruleIndex: origin.ruleIndex, ...(origin.ruleName ? { ruleName: origin.ruleName } : {}) } : {}),
    ...(choice.kind === 'route' ? { matchedOn: describeMatch(choice.route) } : {}),
  })
  if (choice.kind === 'noRoute') return localReply(net, req, 404, '', ['NR'])
  const { route } = choice
  const action = route.action
  if (action.kind === 'directResponse') return localReply(net, req, action.status, action.body ?? '', [])
  if (action.kind === 'redirect') {
    const r = action.redirect
    const location = `${r.scheme ?? req.scheme}://${r.authority ?? hostOnly(req.authority)}${r.port ? `:${r.port}` : ''}${r.uri ?? req.path}`
    return localReply(net, req, r.responseCode, '', [], [['location', location]])
  }
  return yield* forward(net, { pod, cfg }, route, action, req)
}

/** TCP proxy / TLS passthrough: the bytes go to one endpoint of the cluster, or to the original destination. */
function* tcpProxy(net: MeshNetwork, pod: KubeObject, cfg: ProxyConfig, clusterName: string, req: MeshRequest): Flow<MeshResult> {
  if (clusterName === 'BlackHoleCluster') return reset(req)
  const client = net.clientSideOf(pod, cfg, clusterName)
  if (clusterName === 'PassthroughCluster') return (yield* net.deliverFlow(client, req)).result
  const endpoints = cfg.endpoints.get(clusterName) ?? []
  const ready = endpoints.filter((e) => e.health === 'HEALTHY')
  if (ready.length === 0) return reset(req)
  const e = ready[net.rng.int(ready.length)]!
  const address = e.hostname ? net.resolveExternal(e.hostname) ?? e.address : e.address
  const connecting = net.scheduler.pause(CONNECT_MS)
  if (connecting) yield connecting
  return (yield* net.deliverFlow(client, { ...req, dstIp: address, dstPort: e.port })).result
}

function proxyName(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`
}

/** The conditions of a route's match, in words (empty for the default catch-all). */
function describeMatch(route: import('../control/types').Route): string {
  const m = route.match
  const parts: string[] = []
  if (!(m.path.kind === 'prefix' && m.path.value === '/')) parts.push(`uri ${m.path.kind} ${m.path.value}`)
  for (const h of m.headers) parts.push(h.match.kind === 'present' ? `header ${h.name} present` : `header ${h.name} ${h.match.kind === 'exact' ? '=' : h.match.kind} ${h.match.value}`)
  if (m.method) parts.push(`method ${m.method.value}`)
  for (const q of m.queryParams) parts.push(`query ${q.name}`)
  return parts.join(' and ') || 'any request'
}

function reset(req: MeshRequest): MeshResult {
  if (req.scheme === 'https') return { kind: 'failure', curlExitCode: 35, message: `Recv failure: Connection reset by peer` }
  return { kind: 'failure', curlExitCode: 56, message: 'Recv failure: Connection reset by peer' }
}

/** A gateway pod receives a connection on one of its server ports and routes it like a proxy. */
export function* gatewayHandle(net: MeshNetwork, pod: KubeObject, req: MeshRequest, _from: ClientSide): Flow<MeshResult> {
  const cfg = net.proxyConfig(pod)
  if (!cfg) return { kind: 'failure', curlExitCode: 7, message: `Failed to connect to ${hostOnly(req.authority)} port ${req.dstPort} after 0 ms: Couldn't connect to server` }
  const sidecarTime = net.scheduler.pause(jittered(net.rng, SIDECAR_HOP_MS))
  if (sidecarTime) yield sidecarTime
  const listener = cfg.listeners.find((l) => !l.useOriginalDst && l.port === req.dstPort && l.trafficDirection === 'outbound')
  // No Gateway server on this port: Envoy has no listener there, the connection is refused.
  if (!listener) return { kind: 'failure', curlExitCode: 7, message: `Failed to connect to ${hostOnly(req.authority)} port ${req.dstPort} after 0 ms: Couldn't connect to server`, remoteIp: req.dstIp }
  const sni = req.scheme === 'https' ? (req.sni ?? hostOnly(req.authority)) : undefined
  const choice = chainFor(listener, req, sni)
  if (choice.kind === 'closed') return reset(req)
  if (choice.kind === 'tcp') return yield* tcpProxy(net, pod, cfg, choice.cluster, req)
  if (choice.kind === 'tcpWeighted') return yield* tcpProxy(net, pod, cfg, pickWeighted(net, choice.clusters)?.cluster ?? 'BlackHoleCluster', req)
  const tls = choice.chain.tls
  if (req.scheme === 'https' && tls && tls.mode !== 'PASSTHROUGH' && tls.mode !== 'AUTO_PASSTHROUGH') {
    // Terminating TLS needs the credential Secret in the gateway's namespace (Istio secure gateways task).
    if (!tls.credentialName || !net.store.list({ kind: 'Secret', namespace: pod.metadata.namespace }).some((s) => s.metadata.name === tls.credentialName)) {
      return { kind: 'failure', curlExitCode: 35, message: `OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${hostOnly(req.authority)}:${req.dstPort} ` }
    }
  }
  const inner: MeshRequest = { ...req, scheme: tls ? 'http' : req.scheme }
  return yield* httpRoute(net, pod, cfg, cfg.routes.get(choice.routeConfigName), inner)
}
