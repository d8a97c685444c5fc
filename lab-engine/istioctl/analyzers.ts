// istioctl analyze's analyzers the sim runs, each returning messages in istio's format.
//
// Codes and texts from istio/istio pkg/config/analysis/msg/messages.yaml (1.26):
//   IST0101 ReferencedResourceNotFound (Error): Referenced %s not found: %q
//   IST0102 NamespaceNotInjected (Info): The namespace is not enabled for Istio injection. Run
//           'kubectl label namespace %s istio-injection=enabled' to enable it, or 'kubectl label
//           namespace %s istio-injection=disabled' to explicitly mark it as not needing injection.
//   IST0103 PodMissingProxy (Warning): The pod %s is missing the Istio proxy. This can often be
//           resolved by restarting or redeploying the workload.
//   IST0106 SchemaValidationError (Error): Schema validation error: %v
//   IST0108 UnknownAnnotation (Warning): Unknown annotation: %s
//   IST0118 PortNameIsNotUnderNamingConvention (Info): Port name %s (port: %d, targetPort: %s)
//           doesn't follow the naming convention of Istio port.
// Host matching is simplified: a short name, `name.ns`, `name.ns.svc` or the FQDN of a
// Service, or any host a ServiceEntry lists; wildcard hosts are not checked.

import { istioSemanticErrors } from '../cluster/validation/istio-semantics'
import type { KubeObject } from '../cluster/types'
import { hasProxy } from './version'

export type Level = 'Error' | 'Warning' | 'Info'

export interface AnalysisMessage {
  level: Level
  code: string
  /** `VirtualService default/reviews` or `Namespace default`. */
  resource: string
  /** ` file.yaml:12` when the object came from a file. */
  origin?: string
  text: string
}

/** What the analyzers see: live objects overlaid with file objects, by kind. */
export interface AnalysisInput {
  byKind(kind: string): KubeObject[]
  /** Namespaces being analyzed (all when -A). */
  namespaces: string[]
  originOf(obj: KubeObject): string | undefined
}

// Objects from files can hold anything: read fields only through these.
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})

const LEVEL_ORDER: Record<Level, number> = { Error: 0, Warning: 1, Info: 2 }

export function runAnalyzers(input: AnalysisInput): AnalysisMessage[] {
  const messages = [...schemaErrors(input), ...referencedResources(input), ...namespaceInjection(input), ...podsMissingProxy(input), ...portNames(input), ...unknownAnnotations(input)]
  return messages.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code) || a.resource.localeCompare(b.resource))
}

function resourceName(o: KubeObject): string {
  return o.metadata.namespace ? `${o.kind} ${o.metadata.namespace}/${o.metadata.name}` : `${o.kind} ${o.metadata.name}`
}

function msg(input: AnalysisInput, o: KubeObject, level: Level, code: string, text: string): AnalysisMessage {
  const origin = input.originOf(o)
  return { level, code, resource: resourceName(o), text, ...(origin ? { origin } : {}) }
}

const ISTIO_KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication']

function inScope(input: AnalysisInput, o: KubeObject): boolean {
  return input.namespaces.includes(o.metadata.namespace ?? '')
}

function schemaErrors(input: AnalysisInput): AnalysisMessage[] {
  return ISTIO_KINDS.flatMap((k) => input.byKind(k)).filter((o) => inScope(input, o))
    .flatMap((o) => istioSemanticErrors(o as unknown as Record<string, unknown>).map((e) => msg(input, o, 'Error', 'IST0106', `Schema validation error: ${e}`)))
}

interface Destination { host?: string; subset?: string }

function destination(v: unknown): Destination {
  const d = rec(v)
  return { host: str(d.host), subset: str(d.subset) }
}

function destinationsOf(vs: KubeObject): Destination[] {
  const spec = rec(vs.spec)
  const routes = ['http', 'tcp', 'tls'].flatMap((k) => arr(spec[k]).map(rec))
  const dests: Destination[] = []
  for (const r of routes) {
    for (const d of arr(r.route).map(rec)) if (d.destination) dests.push(destination(d.destination))
    if (r.mirror) dests.push(destination(r.mirror))
  }
  return dests
}

/** The FQDN a host means in namespace ns: `reviews` -> `reviews.default.svc.cluster.local`. */
function fqdn(host: string, ns: string): string {
  const parts = host.split('.')
  if (parts.length === 1) return `${host}.${ns}.svc.cluster.local`
  if (parts.length === 2) return `${host}.svc.cluster.local`
  if (parts.length === 3 && parts[2] === 'svc') return `${host}.cluster.local`
  return host
}

function knownHosts(input: AnalysisInput): Set<string> {
  const hosts = new Set<string>()
  for (const s of input.byKind('Service')) hosts.add(`${s.metadata.name}.${s.metadata.namespace}.svc.cluster.local`)
  for (const se of input.byKind('ServiceEntry')) for (const h of arr(rec(se.spec).hosts)) if (typeof h === 'string') hosts.add(h)
  return hosts
}

function knownSubsets(input: AnalysisInput): Set<string> {
  const subsets = new Set<string>()
  for (const dr of input.byKind('DestinationRule')) {
    const spec = rec(dr.spec)
    const host = str(spec.host)
    if (!host) continue
    for (const s of arr(spec.subsets).map(rec)) if (str(s.name)) subsets.add(`${fqdn(host, dr.metadata.namespace ?? 'default')}+${s.name}`)
  }
  return subsets
}

function referencedResources(input: AnalysisInput): AnalysisMessage[] {
  const hosts = knownHosts(input)
  const subsets = knownSubsets(input)
  const gateways = new Set(input.byKind('Gateway').map((g) => `${g.metadata.namespace}/${g.metadata.name}`))
  const out: AnalysisMessage[] = []
  for (const vs of input.byKind('VirtualService').filter((o) => inScope(input, o))) {
    const ns = vs.metadata.namespace ?? 'default'
    for (const gw of arr(rec(vs.spec).gateways)) {
      if (typeof gw !== 'string' || gw === 'mesh') continue
      const key = gw.includes('/') ? gw : `${ns}/${gw}`
      if (!gateways.has(key)) out.push(msg(input, vs, 'Error', 'IST0101', `Referenced gateway not found: "${gw}"`))
    }
    for (const d of destinationsOf(vs)) {
      if (!d.host || d.host.includes('*')) continue
      if (!hosts.has(fqdn(d.host, ns))) { out.push(msg(input, vs, 'Error', 'IST0101', `Referenced host not found: "${d.host}"`)); continue }
      if (d.subset && !subsets.has(`${fqdn(d.host, ns)}+${d.subset}`)) {
        out.push(msg(input, vs, 'Error', 'IST0101', `Referenced host+subset in destinationrule not found: "${d.host}+${d.subset}"`))
      }
    }
  }
  for (const gw of input.byKind('Gateway').filter((o) => inScope(input, o))) {
    const entries = Object.entries(rec(rec(gw.spec).selector))
    if (entries.length === 0) continue
    const matched = input.byKind('Pod').some((p) => entries.every(([k, v]) => rec(p.metadata.labels)[k] === v))
    if (!matched) out.push(msg(input, gw, 'Error', 'IST0101', `Referenced selector not found: "${entries.map(([k, v]) => `${k}=${v}`).join(',')}"`))
  }
  return out
}

/** Namespaces istio's analyzer skips for IST0102 (system namespaces). */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage', 'istio-system']

export function injectionEnabled(ns: KubeObject): boolean {
  const labels = rec(ns.metadata.labels)
  return labels['istio-injection'] === 'enabled' || (labels['istio-injection'] === undefined && labels['istio.io/rev'] !== undefined)
}

function namespaceInjection(input: AnalysisInput): AnalysisMessage[] {
  return input.byKind('Namespace').filter((n) => input.namespaces.includes(n.metadata.name) && !SYSTEM_NAMESPACES.includes(n.metadata.name))
    .filter((n) => rec(n.metadata.labels)['istio-injection'] === undefined && rec(n.metadata.labels)['istio.io/rev'] === undefined)
    .map((n) => msg(input, n, 'Info', 'IST0102', `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${n.metadata.name} istio-injection=enabled' to enable it, or 'kubectl label namespace ${n.metadata.name} istio-injection=disabled' to explicitly mark it as not needing injection.`))
}

function podsMissingProxy(input: AnalysisInput): AnalysisMessage[] {
  const enabled = new Set(input.byKind('Namespace').filter(injectionEnabled).map((n) => n.metadata.name))
  return input.byKind('Pod').filter((p) => inScope(input, p) && enabled.has(p.metadata.namespace ?? '') && !hasProxy(p))
    .filter((p) => rec(p.metadata.annotations)['sidecar.istio.io/inject'] !== 'false' && rec(p.metadata.labels)['sidecar.istio.io/inject'] !== 'false')
    .map((p) => msg(input, p, 'Warning', 'IST0103', `The pod ${p.metadata.namespace}/${p.metadata.name} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.`))
}

/** Protocol prefixes Istio recognises in a port name (`http`, `http-web`, `grpc-api`...); kube's ConvertProtocol. */
const PROTOCOL_PREFIXES = ['http', 'http2', 'https', 'grpc', 'grpc-web', 'tcp', 'tls', 'mongo', 'redis', 'mysql', 'udp']

function namedByConvention(name: string): boolean {
  const lower = name.toLowerCase()
  return PROTOCOL_PREFIXES.some((p) => lower === p || lower.startsWith(`${p}-`))
}

function portNames(input: AnalysisInput): AnalysisMessage[] {
  type Port = { name?: string; port: number; targetPort?: number | string; appProtocol?: string; protocol?: string }
  return input.byKind('Service').filter((s) => inScope(input, s) && s.metadata.namespace !== 'kube-system').flatMap((svc) =>
    (arr(rec(svc.spec).ports).map(rec) as Port[])
      // The gateways' status-port (15021) is not reported in real `analyze -A` transcripts: skipped (assumption).
      .filter((p) => !p.appProtocol && p.protocol !== 'UDP' && !namedByConvention(str(p.name) ?? '') && p.name !== 'status-port')
      .map((p) => msg(input, svc, 'Info', 'IST0118', `Port name ${p.name ?? ''} (port: ${p.port}, targetPort: ${p.targetPort ?? p.port}) doesn't follow the naming convention of Istio port.`)))
}

/**
 * Annotations under *.istio.io that Istio 1.26 defines (istio/api annotation/annotations.yaml), trimmed to the
 * ones a learner meets; `readiness.status.sidecar.istio.io/*` and `traffic.sidecar.istio.io/*` are whole families.
 */
const KNOWN_ANNOTATIONS = new Set([
  'sidecar.istio.io/inject', 'sidecar.istio.io/status', 'sidecar.istio.io/proxyCPU', 'sidecar.istio.io/proxyCPULimit', 'sidecar.istio.io/proxyMemory',
  'sidecar.istio.io/proxyMemoryLimit', 'sidecar.istio.io/proxyImage', 'sidecar.istio.io/logLevel', 'sidecar.istio.io/componentLogLevel',
  'sidecar.istio.io/agentLogLevel', 'sidecar.istio.io/interceptionMode', 'sidecar.istio.io/bootstrapOverride', 'sidecar.istio.io/rewriteAppHTTPProbers',
  'sidecar.istio.io/enableCoreDump', 'sidecar.istio.io/userVolume', 'sidecar.istio.io/userVolumeMount', 'sidecar.istio.io/statsInclusionPrefixes',
  'sidecar.istio.io/statsInclusionSuffixes', 'sidecar.istio.io/statsInclusionRegexps', 'sidecar.istio.io/extraStatTags', 'sidecar.istio.io/discoveryAddress',
  'sidecar.istio.io/nativeSidecar', 'proxy.istio.io/config', 'proxy.istio.io/overrides', 'istio.io/rev', 'istio.io/dry-run', 'istio.io/use-waypoint',
  'networking.istio.io/exportTo', 'inject.istio.io/templates', 'ambient.istio.io/redirection', 'status.sidecar.istio.io/port',
  'prometheus.istio.io/merge-metrics', 'kubernetes.io/ingress.class',
])
const KNOWN_FAMILIES = ['traffic.sidecar.istio.io/', 'readiness.status.sidecar.istio.io/', 'install.operator.istio.io/', 'operator.istio.io/']

function unknownAnnotations(input: AnalysisInput): AnalysisMessage[] {
  return ['Pod', 'Service', 'Namespace', 'Deployment'].flatMap((k) => input.byKind(k)).filter((o) => k8sScope(input, o)).flatMap((o) =>
    Object.keys(rec(o.metadata.annotations))
      .filter((key) => /^([a-z0-9-]+\.)*istio\.io\//.test(key) && !KNOWN_ANNOTATIONS.has(key) && !KNOWN_FAMILIES.some((f) => key.startsWith(f)))
      .map((key) => msg(input, o, 'Warning', 'IST0108', `Unknown annotation: ${key}`)))
}

/** Namespaces are in scope by name; namespaced objects by their namespace. */
function k8sScope(input: AnalysisInput, o: KubeObject): boolean {
  return o.kind === 'Namespace' ? input.namespaces.includes(o.metadata.name) : inScope(input, o)
}
