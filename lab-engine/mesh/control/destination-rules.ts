// DestinationRule selection for one proxy and service, and the trafficPolicy each cluster ends up with.
//
// Istio "Traffic Management Best Practices" (cross-namespace configuration): a rule is
// looked up in the client's namespace, then the service's namespace, then the root
// namespace (istio-system), among rules exported to the client. A rule with a
// workloadSelector applies only to the workloads it selects, ahead of namespace-wide
// ones. Rules in one namespace for the same host are merged: subsets are concatenated
// and the first (oldest) rule's trafficPolicy wins. DestinationRule reference: a
// subset's trafficPolicy overrides the top-level one field by field, and
// portLevelSettings override the policy they sit in for that port.

import type { Labels } from '../../cluster/types'
import { durationMs, exportedTo, hostMatches, hostSpecificity } from './hosts'
import type { DestinationRuleSpec, IstioResource, SubsetSpec, TrafficPolicySpec } from './istio-specs'
import type { MeshSettings } from './mesh-settings'
import type { ClusterTrafficPolicy, ConfigRef, ConsistentHash, LoadBalancer, OutlierDetection } from './types'

/** The rule(s) chosen for one host, merged. */
export interface SelectedRule {
  ref: ConfigRef
  /** Identifies the merged set ("ns/a,ns/b"), for caches keyed on the rule. */
  key: string
  trafficPolicy?: TrafficPolicySpec
  subsets: SubsetSpec[]
}

export interface RuleQuery {
  proxyNamespace: string
  proxyLabels: Labels
  serviceHost: string
  serviceNamespace: string
}

/** Envoy's default connect timeout as Istio sets it (MeshConfig connectTimeout 10s). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000

export function selectDestinationRule(rules: IstioResource<DestinationRuleSpec>[], q: RuleQuery, mesh: MeshSettings): SelectedRule | undefined {
  const visible = rules.filter((r) => exportedTo(r.spec.exportTo, mesh.defaultDestinationRuleExportTo, r.ref.namespace, q.proxyNamespace)
    && (!r.spec.workloadSelector || (r.ref.namespace === q.proxyNamespace && selects(r.spec.workloadSelector.matchLabels, q.proxyLabels))))
  for (const ns of [q.proxyNamespace, q.serviceNamespace, mesh.rootNamespace]) {
    const inNs = visible.filter((r) => r.ref.namespace === ns)
    const scoped = inNs.filter((r) => r.spec.workloadSelector)
    const found = mostSpecific(scoped, q.serviceHost) ?? mostSpecific(inNs.filter((r) => !r.spec.workloadSelector), q.serviceHost)
    if (found) return found
  }
  return undefined
}

function selects(matchLabels: Labels | undefined, labels: Labels): boolean {
  return Object.entries(matchLabels ?? {}).every(([k, v]) => labels[k] === v)
}

/** Among rules whose host covers the service, the most specific host wins; equals merge, oldest first. */
function mostSpecific(rules: IstioResource<DestinationRuleSpec>[], serviceHost: string): SelectedRule | undefined {
  const matching = rules.filter((r) => r.hosts.length > 0 && hostMatches(r.hosts[0]!, serviceHost))
  if (matching.length === 0) return undefined
  const best = Math.max(...matching.map((r) => hostSpecificity(r.hosts[0]!)))
  const winners = matching.filter((r) => hostSpecificity(r.hosts[0]!) === best)
  const first = winners[0]!
  const subsets = winners.flatMap((r) => r.spec.subsets ?? [])
  const policy = winners.find((r) => r.spec.trafficPolicy)?.spec.trafficPolicy
  const key = winners.map((r) => `${r.ref.namespace}/${r.ref.name}`).join(',')
  return { ref: first.ref, key, subsets, ...(policy ? { trafficPolicy: policy } : {}) }
}

type PlainPolicy = Omit<TrafficPolicySpec, 'portLevelSettings'>

/** Top-level policy, its port-level settings, then the subset's policy and its port-level settings. */
export function mergedPolicy(rule: SelectedRule | undefined, subset: string | undefined, port: number): PlainPolicy {
  let merged: PlainPolicy = applyPort({}, rule?.trafficPolicy, port)
  const sub = subset ? rule?.subsets.find((s) => s.name === subset) : undefined
  if (sub?.trafficPolicy) merged = applyPort(merged, sub.trafficPolicy, port)
  return merged
}

function applyPort(base: PlainPolicy, policy: TrafficPolicySpec | undefined, port: number): PlainPolicy {
  if (!policy) return base
  const { portLevelSettings, ...own } = policy
  const level = (portLevelSettings ?? []).find((p) => p.port?.number === port)
  const { port: _p, ...portOwn } = level ?? {}
  return override(override(base, own), portOwn)
}

function override(base: PlainPolicy, top: PlainPolicy): PlainPolicy {
  const out: PlainPolicy = { ...base }
  if (top.loadBalancer) out.loadBalancer = top.loadBalancer
  if (top.connectionPool) out.connectionPool = top.connectionPool
  if (top.outlierDetection) out.outlierDetection = top.outlierDetection
  if (top.tls) out.tls = top.tls
  return out
}

/** Fills Istio's defaults: LEAST_REQUEST balancing, unlimited pools, 10s connect timeout. */
export function resolvePolicy(p: PlainPolicy): ClusterTrafficPolicy {
  const http = p.connectionPool?.http
  const tcp = p.connectionPool?.tcp
  const connectionPool = {
    connectTimeoutMs: durationMs(tcp?.connectTimeout) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...num('maxConnections', tcp?.maxConnections),
    ...num('http1MaxPendingRequests', http?.http1MaxPendingRequests),
    ...num('http2MaxRequests', http?.http2MaxRequests),
    ...num('maxRequestsPerConnection', http?.maxRequestsPerConnection),
    ...num('maxRetries', http?.maxRetries),
    ...num('idleTimeoutMs', durationMs(http?.idleTimeout)),
  }
  const out: ClusterTrafficPolicy = { loadBalancer: loadBalancer(p.loadBalancer), connectionPool }
  if (p.outlierDetection) out.outlierDetection = outlier(p.outlierDetection)
  if (p.tls?.mode) {
    const mode = p.tls.mode as 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL'
    out.tls = { mode, ...(p.tls.sni ? { sni: p.tls.sni } : {}), ...(p.tls.credentialName ? { credentialName: p.tls.credentialName } : {}), ...(p.tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}) }
  }
  return out
}

function num<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return typeof value === 'number' ? ({ [key]: value } as Record<K, number>) : {}
}

function loadBalancer(lb: PlainPolicy['loadBalancer']): LoadBalancer {
  const hash = consistentHash(lb?.consistentHash)
  if (hash) return { kind: 'consistentHash', hash }
  const simple = (lb?.simple ?? 'LEAST_REQUEST') as Extract<LoadBalancer, { kind: 'simple' }>['simple']
  return { kind: 'simple', simple: simple === 'UNSPECIFIED' ? 'LEAST_REQUEST' : simple }
}

export function consistentHash(h: NonNullable<PlainPolicy['loadBalancer']>['consistentHash'] | undefined): ConsistentHash | undefined {
  if (!h) return undefined
  if (h.httpHeaderName) return { kind: 'header', name: h.httpHeaderName.toLowerCase() }
  if (h.httpCookie?.name) return { kind: 'cookie', name: h.httpCookie.name, ...num('ttlMs', durationMs(h.httpCookie.ttl)), ...(h.httpCookie.path ? { path: h.httpCookie.path } : {}) }
  if (h.useSourceIp) return { kind: 'sourceIp' }
  if (h.httpQueryParameterName) return { kind: 'queryParameter', name: h.httpQueryParameterName }
  return undefined
}

/**
 * DestinationRule OutlierDetection defaults: interval 10s, baseEjectionTime 30s,
 * maxEjectionPercent 10, minHealthPercent 0; Envoy's consecutive_5xx of 5 stays on
 * unless set. The deprecated consecutiveErrors counts only gateway errors (502, 503,
 * 504) and turns 5xx counting off, as Istio's cluster builder maps it.
 */
function outlier(o: NonNullable<PlainPolicy['outlierDetection']>): OutlierDetection {
  const gateway = o.consecutiveGatewayErrors ?? o.consecutiveErrors
  const fiveXx = o.consecutive5xxErrors ?? (o.consecutiveErrors ? undefined : 5)
  return {
    ...num('consecutive5xxErrors', fiveXx === 0 ? undefined : fiveXx),
    ...num('consecutiveGatewayErrors', gateway),
    ...num('consecutiveLocalOriginFailures', o.consecutiveLocalOriginFailures),
    intervalMs: durationMs(o.interval) ?? 10_000,
    baseEjectionTimeMs: durationMs(o.baseEjectionTime) ?? 30_000,
    maxEjectionPercent: o.maxEjectionPercent ?? 10,
    minHealthPercent: o.minHealthPercent ?? 0,
  }
}

/** The subset's label selector, or undefined if the rule has no such subset. */
export function subsetLabels(rule: SelectedRule | undefined, subset: string): Labels | undefined {
  return rule?.subsets.find((s) => s.name === subset)?.labels
}
