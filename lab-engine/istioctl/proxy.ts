// istioctl proxy-status (ps), proxy-config (pc) <type> <pod> and x describe pod: the mesh's proxies as istioctl sees them.
//
// proxy-status lists every pod with an istio-proxy container (istio.io/latest/docs/ops/
// diagnostic-tools/proxy-cmd/) as `<pod>.<ns>` with CLUSTER Kubernetes, SYNCED (age) for
// CDS/LDS/EDS/RDS, ECDS IGNORED, the istiod pod and the proxy version. The sim's xDS is
// always in sync once the pod runs (assumption: there is no config push delay to model).
// proxy-config finds the pod (`name`, `name.ns` or -n) and asks the registered
// ProxyConfigSource for the table. Without a source the proxy's admin port cannot be
// reached and istioctl's exec error is printed (assumption: wording of the
// port-forward failure, exit 1).

import { age } from '../kubectl/printers/age'
import { alignRows } from '../kubectl/printers/tabwriter'
import type { KubeObject } from '../cluster/types'
import { ISTIO_NAMESPACE, ISTIO_VERSION } from '../istio/version'
import { IstioctlError, type SubContext, type Subcommand } from './context'
import type { ProxyConfigKind } from './proxy-config-source'
import { hasProxy, runningProxies } from './version'

function istiodPod(ctx: SubContext): KubeObject {
  const pod = ctx.env.store.list({ kind: 'Pod', namespace: ISTIO_NAMESPACE, labelSelector: 'app=istiod' })
    .find((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running')
  if (!pod) throw new IstioctlError('unable to find any Istiod instances')
  return pod
}

export const proxyStatusCommand: Subcommand = {
  path: ['proxy-status'],
  short: 'Retrieves the synchronization status of each Envoy in the mesh',
  aliases: ['ps'],
  flags: [{ name: 'output', short: 'o', value: true }, { name: 'revision', short: 'r', value: true }, { name: 'file', short: 'f', value: true }],
  run(ctx) {
    const istiod = istiodPod(ctx).metadata.name
    const now = ctx.env.clock.now()
    const proxies = runningProxies(ctx.env.store).filter((p) => !ctx.namespaceSet || p.metadata.namespace === ctx.namespace)
    const rows = proxies.map((p) => {
      const synced = `SYNCED (${age(p.metadata.creationTimestamp, now)})`
      return [`${p.metadata.name}.${p.metadata.namespace}`, 'Kubernetes', synced, synced, synced, synced, 'IGNORED', istiod, ISTIO_VERSION]
    }).sort((a, b) => a[0]!.localeCompare(b[0]!))
    ctx.out(alignRows([['NAME', 'CLUSTER', 'CDS', 'LDS', 'EDS', 'RDS', 'ECDS', 'ISTIOD', 'VERSION'], ...rows]))
    return 0
  },
}

/** `name.ns` or `name` with -n (istioctl's handlers.InferPodInfo). */
export function podRef(ctx: SubContext, typed: string): { name: string; namespace: string } {
  const at = typed.indexOf('.')
  if (at > 0 && !ctx.namespaceSet) return { name: typed.slice(0, at), namespace: typed.slice(at + 1) }
  return { name: typed.replace(/^pods?\//, ''), namespace: ctx.namespace }
}

function mustFindPod(ctx: SubContext, typed: string): KubeObject {
  const workload = /^(deployment|deploy|deployments)\/(.+)$/.exec(typed)
  if (workload) return podOfDeployment(ctx, workload[2]!)
  const ref = podRef(ctx, typed)
  const pod = ctx.env.store.get({ kind: 'Pod', apiVersion: 'v1', name: ref.name, namespace: ref.namespace })
  if (!pod) throw new IstioctlError(`pods "${ref.name}" not found`)
  return pod
}

/** `deployment/name[.ns]`: istioctl picks the first running pod the Deployment selects. */
function podOfDeployment(ctx: SubContext, typed: string): KubeObject {
  const ref = podRef(ctx, typed)
  const deploy = ctx.env.store.get({ kind: 'Deployment', apiVersion: 'apps/v1', name: ref.name, namespace: ref.namespace })
  if (!deploy) throw new IstioctlError(`deployments.apps "${ref.name}" not found`)
  const labels = (deploy.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {}
  const selector = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',')
  const pod = ctx.env.store.list({ kind: 'Pod', namespace: ref.namespace, labelSelector: selector })
    .find((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running')
  if (!pod) throw new IstioctlError(`no running pods found for deployment ${ref.name}`)
  return pod
}

const CONFIG_TYPES: { kind: ProxyConfigKind; names: string[] }[] = [
  { kind: 'listeners', names: ['listeners', 'listener', 'l'] },
  { kind: 'routes', names: ['routes', 'route', 'r'] },
  { kind: 'clusters', names: ['clusters', 'cluster', 'c'] },
  { kind: 'endpoints', names: ['endpoints', 'endpoint', 'ep'] },
  { kind: 'all', names: ['all', 'a'] },
  { kind: 'bootstrap', names: ['bootstrap', 'b'] },
  { kind: 'secret', names: ['secret', 's'] },
]

const PC_FLAGS = [
  { name: 'output', short: 'o', value: true }, { name: 'port', value: true }, { name: 'address', value: true }, { name: 'fqdn', value: true },
  { name: 'direction', value: true }, { name: 'subset', value: true }, { name: 'name', value: true }, { name: 'type', value: true },
  { name: 'cluster', value: true }, { name: 'status', value: true }, { name: 'file', short: 'f', value: true },
]

export const proxyConfigCommands: Subcommand[] = CONFIG_TYPES.flatMap(({ kind, names }) => names.map((n, i) => ({
  path: ['proxy-config', n],
  hiddenAlias: i > 0,
  aliases: ['pc'],
  flags: PC_FLAGS,
  run: (ctx: SubContext) => proxyConfig(ctx, kind, names[0]!),
})))

export const proxyConfigUsageCommand: Subcommand = {
  path: ['proxy-config'],
  aliases: ['pc'],
  flags: PC_FLAGS,
  run(ctx) {
    if (ctx.args.length > 0) throw new IstioctlError(`unknown command "${ctx.args[0]}" for "istioctl proxy-config"`)
    ctx.out(`A group of commands used to retrieve information about proxy configuration from the Envoy config dump\n\nUsage:\n  istioctl proxy-config [command]\n\nAliases:\n  proxy-config, pc\n\nAvailable Commands:\n  all         Retrieves all configuration for the Envoy in the specified pod\n  bootstrap   Retrieves bootstrap configuration for the Envoy in the specified pod\n  cluster     Retrieves cluster configuration for the Envoy in the specified pod\n  endpoint    Retrieves endpoint configuration for the Envoy in the specified pod\n  listener    Retrieves listener configuration for the Envoy in the specified pod\n  route       Retrieves route configuration for the Envoy in the specified pod\n  secret      Retrieves secret configuration for the Envoy in the specified pod\n`)
    return 0
  },
}

function proxyConfig(ctx: SubContext, kind: ProxyConfigKind, typeName: string): number {
  if (ctx.args.length !== 1) throw new IstioctlError(`${typeName.replace(/s$/, '')} requires pod name or --file parameter`)
  const pod = mustFindPod(ctx, ctx.args[0]!)
  const where = `${pod.metadata.name}/${pod.metadata.namespace}`
  if (!hasProxy(pod)) {
    throw new IstioctlError(`failed to execute command on sidecar: error execing into ${where} istio-proxy container: unable to upgrade connection: container not found ("istio-proxy")`)
  }
  const source = ctx.env.proxyConfig
  if (!source) throw new IstioctlError(`failed to execute command on sidecar: error execing into ${where} istio-proxy container: dial tcp 127.0.0.1:15000: connect: connection refused`)
  try {
    ctx.out(source.proxyConfig({ kind, pod: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', flags: ctx.flags.values }))
  } catch (e) {
    throw new IstioctlError((e as Error).message)
  }
  return 0
}

/**
 * `istioctl x describe pod <pod>` (istio.io/latest/docs/ops/diagnostic-tools/istioctl-describe/):
 * the pod's ports, then each Service selecting it with its port mapping; route lines come
 * from the ProxyConfigSource when one is registered.
 */
export const describePodCommand: Subcommand = {
  path: ['x', 'describe', 'pod'],
  short: 'Describe pods and their Istio configuration [kube-only]',
  aliases: [],
  flags: [{ name: 'ignoreUnmeshed' }, { name: 'verbose', short: 'v' }],
  run(ctx) {
    if (ctx.args.length !== 1) throw new IstioctlError('expecting pod name')
    const pod = mustFindPod(ctx, ctx.args[0]!)
    const ns = pod.metadata.namespace ?? 'default'
    ctx.out(`Pod: ${pod.metadata.name}\n`)
    const containers = ((pod.spec as { containers?: { name: string; ports?: { containerPort: number }[] }[] } | undefined)?.containers ?? [])
    const ports = containers.flatMap((c) => (c.ports ?? []).map((p) => `${p.containerPort} (${c.name})`))
    if (hasProxy(pod)) ctx.out(`   Pod Revision: ${pod.metadata.annotations?.['istio.io/rev'] ?? pod.metadata.labels?.['istio.io/rev'] ?? 'default'}\n`)
    ctx.out(ports.length ? `   Pod Ports: ${ports.join(', ')}\n` : '   Pod does not expose ports\n')
    if (!hasProxy(pod)) {
      ctx.out(`WARNING: ${pod.metadata.name}.${ns} is not part of mesh; no Istio sidecar\n`)
      return 0
    }
    for (const svc of servicesFor(ctx, pod)) {
      ctx.out(`--------------------\nService: ${svc.metadata.name}\n`)
      for (const p of ((svc.spec as { ports?: SvcPort[] } | undefined)?.ports ?? [])) {
        ctx.out(`   Port: ${p.name ?? ''} ${p.port}/${protocolOf(p)} targets pod port ${p.targetPort ?? p.port}\n`)
      }
    }
    const routes = ctx.env.proxyConfig?.describeRoutes?.(pod.metadata.name, ns)
    if (routes) ctx.out(routes)
    return 0
  },
}

interface SvcPort { name?: string; port: number; targetPort?: number | string; protocol?: string; appProtocol?: string }

/** Istio's protocol selection: appProtocol, else the port name's prefix (http, http2, grpc, tcp...), else auto-detected. */
function protocolOf(p: SvcPort): string {
  const named = (p.appProtocol ?? p.name ?? '').split('-')[0]!.toLowerCase()
  const known: Record<string, string> = { http: 'HTTP', http2: 'HTTP2', grpc: 'GRPC', 'grpc-web': 'GRPC-Web', https: 'HTTPS', tls: 'TLS', tcp: 'TCP', mongo: 'Mongo', redis: 'Redis', mysql: 'MySQL' }
  return known[named] ?? 'auto-detect'
}

function servicesFor(ctx: SubContext, pod: KubeObject): KubeObject[] {
  const labels = pod.metadata.labels ?? {}
  return ctx.env.store.list({ kind: 'Service', namespace: pod.metadata.namespace }).filter((s) => {
    const sel = (s.spec as { selector?: Record<string, string> } | undefined)?.selector
    return sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => labels[k] === v)
  })
}
