// Host names as Istio reads them: short-name expansion, wildcards, and exportTo visibility.
//
// Istio VirtualService reference, `hosts`: "a short name such as reviews is interpreted
// as reviews.<namespace of the rule>.svc.cluster.local"; names with a dot are taken as
// written; a leading "*" is a wildcard ("*.example.com", or "*" for every host).
// exportTo (VirtualService, DestinationRule, ServiceEntry, and the
// networking.istio.io/exportTo annotation on Services): "." is the resource's own
// namespace, "*" every namespace, "~" none, anything else a namespace name; when
// absent, the mesh config's default applies.

import { CLUSTER_DOMAIN } from '../../cluster/dns'

/** Expands a short name relative to the namespace of the resource that wrote it. */
export function fqdn(host: string, namespace: string): string {
  const h = host.toLowerCase()
  if (h.startsWith('*') || h.includes('.')) return h
  return `${h}.${namespace}.svc.${CLUSTER_DOMAIN}`
}

/** True when `pattern` (exact or "*.suffix" / "*") covers the concrete host `name`. */
export function hostMatches(pattern: string, name: string): boolean {
  if (pattern === '*') return true
  if (pattern.startsWith('*')) return name.endsWith(pattern.slice(1))
  return pattern === name
}

/** True when two host patterns share at least one host (either may be a wildcard). */
export function hostsIntersect(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true
  if (a.startsWith('*') && b.startsWith('*')) return a.endsWith(b.slice(1)) || b.endsWith(a.slice(1))
  if (a.startsWith('*')) return hostMatches(a, b)
  if (b.startsWith('*')) return hostMatches(b, a)
  return a === b
}

/** How specific a host pattern is: exact names beat wildcards, longer wildcards beat shorter. */
export function hostSpecificity(pattern: string): number {
  if (!pattern.startsWith('*')) return Number.MAX_SAFE_INTEGER
  return pattern.length
}

/** Whether a resource in `ownNamespace` with this exportTo is visible from `viewerNamespace`. */
export function exportedTo(exportTo: readonly string[] | undefined, defaults: readonly string[], ownNamespace: string, viewerNamespace: string): boolean {
  const list = exportTo && exportTo.length > 0 ? exportTo : defaults
  return list.some((e) => e === '*' || (e === '.' ? ownNamespace === viewerNamespace : e === viewerNamespace))
}

/** Service-side exportTo from the `networking.istio.io/exportTo` annotation (comma separated). */
export function serviceExportTo(annotations: Record<string, string> | undefined): string[] | undefined {
  const raw = annotations?.['networking.istio.io/exportTo']
  if (!raw) return undefined
  return raw.split(',').map((s) => s.trim()).filter(Boolean)
}

/**
 * Sidecar egress host patterns and Gateway server hosts are `namespace/dnsName`:
 * "*" or "~" for the namespace, "." for the resource's own one; no slash means any namespace.
 */
export function splitNamespacedHost(entry: string, ownNamespace: string): { namespace: string; host: string } {
  const slash = entry.indexOf('/')
  if (slash < 0) return { namespace: '*', host: entry.toLowerCase() }
  const ns = entry.slice(0, slash)
  return { namespace: ns === '.' ? ownNamespace : ns, host: entry.slice(slash + 1).toLowerCase() }
}

/** Parses Istio's protobuf durations ("10s", "1.5s", "100ms", "2m", "1h"); undefined when unreadable. */
export function durationMs(text: unknown): number | undefined {
  if (typeof text === 'number' && Number.isFinite(text)) return text * 1000
  if (typeof text !== 'string') return undefined
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim())
  if (!m) return undefined
  const scale = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
  return Math.round(Number(m[1]) * scale)
}
