// The server end of a connection: kube-proxy for Service addresses, the inbound sidecar
// (transport security, request authentication, authorization) and the app, or a site on
// the simulated internet.
//
// Istio's inbound chain (Istio security concepts): the server sidecar checks the
// connection against its PeerAuthentication mode, then jwt_authn, then RBAC, then
// hands the request to the app on localhost; responses carry `server: istio-envoy`
// and `x-envoy-upstream-service-time`. Without a sidecar the app answers directly.
import type { KubeObject } from '../../cluster/types'
import { type Flow, wait } from '../../core/flow'
import { podIdentity } from '../security/from-store'
import { checkInbound, decideTransport, type InboundInput, type InboundRejected, type InboundResult, type TransportDecision } from '../security'
import { appListeningOn, callApp, directResult, directTls, proxiedAppFailure, served, tlsPassthroughToApp } from './app-call'
import { destinationAt, hasSidecar, isGatewayPod } from './directory'
import { CONNECT_MS, INTERNET_RTT_MS, INTERNET_TLS_MS, jittered, NETWORK_ONE_WAY_MS, SIDECAR_HOP_MS } from './latency'
import type { MeshNetwork } from './network'
import { gatewayHandle } from './outbound'
import { firstMayMatch, headerValue, lowerHeader, withHeader, type Header, type MeshRequest, type MeshResult } from './types'
import type { AppRequest } from '../apps'

/** Who is connecting, as the server sees it. */
export interface ClientSide {
  /** The client's address on the wire (pod IP, or the host's kind-network address). */
  ip: string
  /** The client pod's sidecar originates this connection (auto mTLS / DestinationRule tls apply). */
  sidecar: boolean
  namespace?: string
  serviceAccount?: string
  /** The client pod, when the client is one. */
  pod?: KubeObject
  /** The DestinationRule tls mode the client sidecar applies to this cluster, if one is set. */
  destinationRuleTls?: 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL'
}

export interface Delivered {
  result: MeshResult
  transport?: TransportDecision
  /** The pod that answered, when one did. */
  server?: KubeObject
}

/** Connects to ip:port and has the request answered there. */
export function* deliver(net: MeshNetwork, client: ClientSide, req: MeshRequest): Flow<Delivered> {
  const dest = destinationAt(net.store, req.dstIp, req.dstPort)
  if (dest.kind === 'service') return yield* viaKubeProxy(net, client, req, dest.service, dest.port)
  if (dest.kind === 'internet') return { result: yield* internet(net, req, dest.host) }
  if (dest.kind === 'pod') return yield* toPod(net, client, req, dest.pod)
  return { result: yield* refusedAfterConnect(net, req) }
}

/** kube-proxy: a Service address goes to one ready endpoint, chosen at random (iptables mode). */
function* viaKubeProxy(net: MeshNetwork, client: ClientSide, req: MeshRequest, service: KubeObject, port: { name?: string; port: number; targetPort?: number | string }): Flow<Delivered> {
  const slices = net.store.list({ kind: 'Endpoints', namespace: service.metadata.namespace }).filter((e) => e.metadata.name === service.metadata.name)
  const subsets = (slices[0] as { subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[] } | undefined)?.subsets ?? []
  const targets = subsets.flatMap((s) => {
    const p = (s.ports ?? []).find((sp) => (sp.name ?? '') === (port.name ?? '')) ?? s.ports?.[0]
    return p ? (s.addresses ?? []).map((a) => ({ ip: a.ip, port: p.port })) : []
  })
  if (targets.length === 0) return { result: yield* refusedAfterConnect(net, req) }
  const t = targets[net.rng.int(targets.length)]!
  return yield* deliver(net, client, { ...req, dstIp: t.ip, dstPort: t.port })
}

/** Nothing listens at the address: the connection attempt's time passes, then it is refused. */
function* refusedAfterConnect(net: MeshNetwork, req: MeshRequest): Flow<MeshResult> {
  const connecting = net.scheduler.pause(CONNECT_MS)
  if (connecting) yield connecting
  return refused(req)
}

function* toPod(net: MeshNetwork, client: ClientSide, req: MeshRequest, pod: KubeObject): Flow<Delivered> {
  const network = net.scheduler.pause(jittered(net.rng, NETWORK_ONE_WAY_MS * 2))
  if (network) yield network
  if (isGatewayPod(pod)) return { server: pod, result: yield* gatewayHandle(net, pod, req, client) }
  // kubectl port-forward connects inside the pod (localhost): the sidecar's inbound capture is not involved.
  if (!hasSidecar(pod) || client.ip === '127.0.0.1') return { server: pod, result: yield* plainApp(net, client, req, pod) }
  const started = net.clock.now()
  const inbound = yield* sidecarInbound(net, client, req, pod)
  const delivered = { server: pod, transport: inbound.transport, result: inbound.result }
  // A client with its own sidecar reports the hop itself (router.ts); a plain client is seen by the server's sidecar only.
  if (!client.sidecar) reportInbound(net, client, req, delivered, started)
  return delivered
}

/**
 * Envoy's %RESPONSE_CODE_DETAILS% for a sidecar's own denial: jwt_authn's
 * `jwt_authn_access_denied{<status with underscores>}`, RBAC's
 * `rbac_access_denied_matched_policy[<policy name>|none]`.
 */
function denialDetails(inbound: InboundRejected): string {
  if (inbound.authn?.outcome === 'reject') return `jwt_authn_access_denied{${inbound.body.replace(/ /g, '_')}}`
  return `rbac_access_denied_matched_policy[${inbound.authz?.hit?.envoyPolicyName ?? 'none'}]`
}

function reportInbound(net: MeshNetwork, client: ClientSide, req: MeshRequest, d: Delivered & { server: KubeObject }, startMs: number): void {
  const r = d.result
  net.emitHop({
    ...(r.kind === 'response' && r.serverDetails ? { serverDetails: r.serverDetails } : {}),
    startMs, endMs: net.clock.now(), destination: d.server, request: req, ...(client.pod ? { source: client.pod } : {}),
    status: r.kind === 'response' ? r.status : 0, flags: r.kind === 'response' ? r.flags : [],
    mtls: d.transport?.outcome === 'mtls', reporters: { source: false, destination: true },
    requestBytes: req.body.length, responseBytes: r.kind === 'response' ? r.body.length : 0,
  })
}

function* plainApp(net: MeshNetwork, client: ClientSide, req: MeshRequest, pod: KubeObject): Flow<MeshResult> {
  const target = appListeningOn(pod, req.dstPort, net.store)
  if (!target) return refused(req)
  const tlsFailure = yield* directTls(net, target, req)
  if (tlsFailure) return tlsFailure
  const res = yield* callApp(net, pod, target, appRequest(req, client.ip))
  return directResult(req, res, { proxied: client.sidecar })
}

function* sidecarInbound(net: MeshNetwork, client: ClientSide, req: MeshRequest, pod: KubeObject): Flow<Delivered> {
  const id = identityOf(pod)
  const policies = net.policies()
  const { mode, transport } = transportFor(policies, client, id, req.dstPort)
  traceTransport(req, transport, mode.policy)
  if (transport.outcome === 'connection-reset') return { transport, result: { kind: 'failure', curlExitCode: 56, message: transport.curlError, remoteIp: req.dstIp } }
  if (transport.outcome === 'upstream-failure') {
    return { transport, result: { kind: 'response', status: 503, headers: [['content-type', 'text/plain'], ['content-length', String(transport.body.length)]], body: transport.body, flags: [transport.responseFlag], remoteIp: req.dstIp, remotePort: req.dstPort } }
  }
  const sidecarTime = net.scheduler.pause(jittered(net.rng, SIDECAR_HOP_MS))
  if (sidecarTime) yield sidecarTime
  // The client's own TLS (Istio's TLS passthrough tasks): the sidecar sees TCP, not HTTP; the app terminates TLS.
  if (req.scheme === 'https') {
    const tlsTarget = appListeningOn(pod, req.dstPort, net.store)
    return { transport, result: tlsTarget ? yield* tlsPassthroughToApp(net, pod, tlsTarget, req) : { kind: 'failure', curlExitCode: 35, message: 'Recv failure: Connection reset by peer', remoteIp: req.dstIp } }
  }
  const started = net.clock.now()
  const requestAuthentications = policies.requestAuthn(id)
  const authorizationPolicies = policies.authz(id)
  const request: InboundRequest = {
    // With no policy for the workload neither jwt_authn nor RBAC reads a header: no header map then.
    protocol: 'http', method: req.method, path: req.path, host: req.authority,
    headers: requestAuthentications.length || authorizationPolicies.length ? Object.fromEntries(req.headers) : NO_HEADERS,
    sourceIp: client.ip, destinationIp: req.dstIp, destinationPort: req.dstPort,
  }
  if (transport.sourcePrincipal) request.sourcePrincipal = transport.sourcePrincipal
  const checked = checkInbound({
    requestAuthentications, authorizationPolicies, nowMs: net.clock.now(), resolver: net.jwks,
    extensionProviders: policies.mesh.extensionProviders, request,
  })
  const inbound = checked instanceof Promise ? yield* wait(checked) : checked
  traceInbound(req, inbound)
  if (inbound.outcome === 'reject') {
    const headers: [string, string][] = [['content-length', String(inbound.body.length)], ['content-type', 'text/plain'], ...Object.entries(inbound.headers), ['date', httpDate(net.clock.now())], ['server', 'istio-envoy']]
    return { transport, result: { kind: 'response', status: inbound.status || 403, headers, body: inbound.body, flags: [], remoteIp: req.dstIp, remotePort: req.dstPort, serverDetails: denialDetails(inbound) } }
  }
  let headers = inbound.headersToRemove.length ? req.headers.filter(([n]) => !inbound.headersToRemove.includes(n)) : req.headers
  for (const n in inbound.headersToSet) headers = withHeader(headers, n, inbound.headersToSet[n]!)
  headers = forwardedHeaders(headers, transport.outcome === 'mtls' && transport.xfcc ? transport.xfcc : undefined, req.scheme)
  if (!headerValue(headers, 'x-request-id')) headers = withHeader(headers, 'x-request-id', net.rng.uuid())
  const target = appListeningOn(pod, req.dstPort, net.store)
  if (!target) {
    const body = 'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111'
    return { transport, result: { kind: 'response', status: 503, headers: [['content-length', String(body.length)], ['content-type', 'text/plain'], ['date', httpDate(net.clock.now())], ['server', 'istio-envoy']], body, flags: ['UF'], remoteIp: req.dstIp, remotePort: req.dstPort } }
  }
  // Behind the sidecar the app sees plain HTTP from 127.0.0.6 (Istio's inbound passthrough source).
  const appReq: AppRequest = { method: req.method, path: req.path, headers, body: req.body, scheme: 'http', host: req.authority, sourceIp: '127.0.0.6', port: req.dstPort }
  const res = yield* callApp(net, pod, target, appReq)
  const broken = proxiedAppFailure(res)
  if (broken) {
    return { transport, result: { kind: 'response', status: broken.status, headers: [['content-length', String(broken.body.length)], ['content-type', 'text/plain'], ['date', httpDate(net.clock.now())], ['server', 'istio-envoy']], body: broken.body, flags: [broken.flag], remoteIp: req.dstIp, remotePort: req.dstPort } }
  }
  req.trace?.add({ kind: 'app', workload: target.app.name, namespace: pod.metadata.namespace ?? 'default', status: res.status })
  const upstreamMs = Math.max(0, Math.round(net.clock.now() - started))
  const out: [string, string][] = []
  for (const h of res.headers) {
    const lowered = lowerHeader(h)
    if (lowered[0] !== 'server') out.push(lowered)
  }
  out.push(['server', 'istio-envoy'], ['x-envoy-upstream-service-time', String(upstreamMs)])
  return { transport, result: { kind: 'response', status: res.status, headers: out, body: res.body, flags: [], remoteIp: req.dstIp, remotePort: req.dstPort } }
}

/**
 * What the server sidecar adds before the app: x-forwarded-client-cert under mTLS (replacing
 * any the client sent), then x-forwarded-proto with its first value or the request's scheme,
 * both at the end. withHeader(xfcc) then withHeader(proto, headerValue(proto) ?? scheme), in one pass.
 */
function forwardedHeaders(headers: readonly Header[], xfcc: string | undefined, scheme: string): Header[] {
  const out: Header[] = []
  let proto: string | undefined
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!
    if (isName(h[0], 'x-forwarded-proto')) proto ??= h[1]
    else if (xfcc === undefined || !isName(h[0], 'x-forwarded-client-cert')) out.push(h)
  }
  if (xfcc !== undefined) out.push(['x-forwarded-client-cert', xfcc])
  out.push(['x-forwarded-proto', proto ?? scheme])
  return out
}

/** A header name equal to a lower-case one, ignoring case (lower-casing never changes an ASCII name's length). */
function isName(n: string, lower: string): boolean {
  return n === lower || (n.length === lower.length && firstMayMatch(n, lower) && n.toLowerCase() === lower)
}

/** The request checkInbound reads, built field by field (the source principal only under mutual TLS). */
type InboundRequest = { -readonly [K in keyof InboundInput['request']]: InboundInput['request'][K] }

/** The header map of a request no policy reads (frozen: shared by every such request). */
const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze({})

type Policies = ReturnType<MeshNetwork['policies']>
interface TransportChoice { mode: ReturnType<Policies['peerMode']>; transport: TransportDecision }

/**
 * The connection's transport (PeerAuthentication mode and the mTLS decision). It depends only on
 * the policies, the client end and the server's identity and port, so a sidecar client's
 * (a cached ClientSide object) is decided once per store state for each server port.
 */
const transports = new WeakMap<Policies, WeakMap<ClientSide, WeakMap<object, Map<number, TransportChoice>>>>()

function transportFor(policies: Policies, client: ClientSide, id: ReturnType<typeof podIdentity>, port: number): TransportChoice {
  if (!client.sidecar) return decide(policies, client, id, port)
  let byClient = transports.get(policies)
  if (!byClient) transports.set(policies, (byClient = new WeakMap()))
  let byServer = byClient.get(client)
  if (!byServer) byClient.set(client, (byServer = new WeakMap()))
  let byPort = byServer.get(id)
  if (!byPort) byServer.set(id, (byPort = new Map()))
  let choice = byPort.get(port)
  if (!choice) byPort.set(port, (choice = decide(policies, client, id, port)))
  return choice
}

function decide(policies: Policies, client: ClientSide, id: ReturnType<typeof podIdentity>, port: number): TransportChoice {
  const mode = policies.peerMode(id, port)
  const transport = decideTransport({
    client: { sidecar: client.sidecar, namespace: client.namespace ?? '', serviceAccount: client.serviceAccount ?? '' },
    server: { sidecar: true, namespace: id.namespace, serviceAccount: id.serviceAccount, mode: mode.mode },
    ...(client.destinationRuleTls ? { destinationRuleTls: client.destinationRuleTls } : {}),
    inferredServerMode: policies.inferred(id.namespace),
    autoMtls: policies.mesh.enableAutoMtls,
  })
  return { mode, transport }
}

/** A pod's workload identity, once per pod object (the store replaces objects, never mutates them). */
const identities = new WeakMap<KubeObject, ReturnType<typeof podIdentity>>()

function identityOf(pod: KubeObject): ReturnType<typeof podIdentity> {
  let id = identities.get(pod)
  if (!id) identities.set(pod, (id = podIdentity(pod)))
  return id
}

/** The transport decision on both sides, for the decision trace (Istio mutual TLS migration tables). */
function traceTransport(req: MeshRequest, t: TransportDecision, policy: { namespace: string; name: string } | undefined): void {
  if (!req.trace) return
  const result = t.outcome === 'mtls' ? 'mtls' : t.outcome === 'tls' ? 'tls' : t.outcome === 'plaintext' ? 'plaintext' : 'rejected'
  req.trace.add({ kind: 'tls', side: 'client', mode: t.clientMode, result, decidedBy: t.clientModeSource === 'auto-mtls' ? 'auto-mtls' : 'mesh-default', reason: t.explanation })
  req.trace.add({ kind: 'tls', side: 'server', mode: t.serverMode, result, decidedBy: policy ? { kind: 'PeerAuthentication', ...policy } : 'mesh-default' })
}

function traceInbound(req: MeshRequest, r: InboundResult): void {
  if (!req.trace) return
  const authn = r.authn
  if (authn) req.trace.add({ kind: 'authn', result: authn.outcome === 'reject' ? 'denied' : 'allowed', reason: authn.explanation, ...(authn.rule ? { policy: { kind: 'RequestAuthentication', ...authn.rule.policy } } : {}) })
  const authz = r.authz
  if (!authz) return
  const action = authz.decidedBy === 'custom' ? 'CUSTOM' : authz.decidedBy === 'deny' ? 'DENY' : 'ALLOW'
  req.trace.add({
    kind: 'authz', action, result: authz.allowed ? 'allowed' : 'denied', reason: authz.explanation,
    ...(authz.hit ? { policy: { kind: 'AuthorizationPolicy', ...authz.hit.policy }, ruleIndex: authz.hit.ruleIndex } : {}),
  })
}

/** A public site: plain http on 80, TLS on 443 (a plain request to 443 gets the site's 400, TLS to 80 fails). */
function* internet(net: MeshNetwork, req: MeshRequest, host: import('../apps').InternetHost): Flow<MeshResult> {
  const port = host.ports.find((p) => p.port === req.dstPort)
  const rtt = net.scheduler.pause(jittered(net.rng, INTERNET_RTT_MS))
  if (rtt) yield rtt
  if (!port) return { kind: 'failure', curlExitCode: 28, message: `Connection timed out`, remoteIp: req.dstIp }
  if (port.scheme === 'https' && req.scheme === 'http') {
    const body = '<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n</html>\r\n'
    return { kind: 'response', status: 400, headers: [['content-type', 'text/html'], ['content-length', String(body.length)]], body, flags: [], remoteIp: req.dstIp, remotePort: req.dstPort }
  }
  if (port.scheme === 'http' && req.scheme === 'https') return { kind: 'failure', curlExitCode: 35, message: 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number', remoteIp: req.dstIp }
  const handshake = req.scheme === 'https' ? net.scheduler.pause(jittered(net.rng, INTERNET_TLS_MS)) : undefined
  if (handshake) yield handshake
  const res = yield* served(net, host.app.handle(appRequest(req, net.publicAddress), net.internetContext(host.hostname, req.dstIp)))
  return { kind: 'response', status: res.status, headers: res.headers, body: res.body, flags: [], remoteIp: req.dstIp, remotePort: req.dstPort }
}

export function appRequest(req: MeshRequest, sourceIp: string): import('../apps').AppRequest {
  return { method: req.method, path: req.path, headers: req.headers, body: req.body, scheme: req.scheme, host: req.authority, sourceIp, port: req.dstPort }
}

export function refused(req: MeshRequest): MeshResult {
  return { kind: 'failure', curlExitCode: 7, message: `Failed to connect to ${req.authority.replace(/:\d+$/, '')} port ${req.dstPort} after 0 ms: Couldn't connect to server`, remoteIp: req.dstIp }
}

/** RFC 7231 IMF-fixdate, as Envoy writes `date`. */
export function httpDate(ms: number): string {
  // The text changes once a second: remember the last second formatted (Date truncates fractional ms).
  const second = Math.floor(Math.trunc(ms) / 1000)
  if (second !== lastDateSecond || Number.isNaN(second)) {
    lastDateSecond = second
    lastDate = new Date(ms).toUTCString()
  }
  return lastDate
}

let lastDateSecond = Number.NaN
let lastDate = ''
