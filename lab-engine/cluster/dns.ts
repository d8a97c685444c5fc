// Cluster DNS: what CoreDNS answers for Service names, and the resolver a pod's /etc/resolv.conf gives it.
//
// Follows kubernetes.io/docs/concepts/services-networking/dns-pod-service/:
// `<svc>.<ns>.svc.cluster.local` is a Service's ClusterIP; a headless Service
// (clusterIP: None) answers with the IPs of its ready pods. A pod's resolv.conf
// has `search <ns>.svc.cluster.local svc.cluster.local cluster.local` and
// `options ndots:5`, so a name with fewer than 5 dots tries the search list
// first. Assumption: ExternalName services and pod A records (`1-2-3-4.ns.pod`)
// are not modelled; they answer NXDOMAIN.

import { KUBE_DNS_SERVICE_IP } from './bootstrap'
import { fromLabelSelector, matches } from './label-selector'
import type { ObjectStore } from './store'
import type { KubeObject } from './types'

export const CLUSTER_DOMAIN = 'cluster.local'
export const NAMESERVER_IP = KUBE_DNS_SERVICE_IP
export const NDOTS = 5
/** Longest name DNS allows (RFC 1035); longer input is NXDOMAIN without a lookup. */
const MAX_NAME_LENGTH = 253

export type DnsAnswer =
  | { kind: 'found'; name: string; addresses: string[] }
  | { kind: 'nxdomain'; name: string }

/** The search list kubelet writes into a pod's /etc/resolv.conf. */
export function searchDomains(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN]
}

export function isIpv4(text: string): boolean {
  const parts = text.split('.')
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
}

/** Answers one fully qualified name from the store, as CoreDNS's kubernetes plugin does. */
export function lookupFqdn(store: ObjectStore, fqdn: string): string[] | undefined {
  const name = fqdn.toLowerCase().replace(/\.$/, '')
  const suffix = `.svc.${CLUSTER_DOMAIN}`
  if (!name.endsWith(suffix)) return undefined
  const labels = name.slice(0, -suffix.length).split('.')
  if (labels.length !== 2) return undefined
  const [svcName, namespace] = labels as [string, string]
  const svc = store.get({ kind: 'Service', name: svcName, namespace })
  return svc ? serviceAddresses(store, svc) : undefined
}

function serviceAddresses(store: ObjectStore, svc: KubeObject): string[] | undefined {
  const spec = (svc.spec ?? {}) as { clusterIP?: string; selector?: Record<string, string>; type?: string }
  if (spec.type === 'ExternalName') return undefined
  if (spec.clusterIP && spec.clusterIP !== 'None') return [spec.clusterIP]
  if (!spec.selector) return undefined
  const selector = fromLabelSelector({ matchLabels: spec.selector })
  const ips = store.list({ kind: 'Pod', namespace: svc.metadata.namespace })
    .filter((p) => matches(selector, p.metadata.labels) && isReady(p))
    .map((p) => (p.status as { podIP?: string }).podIP!)
  // A headless service with no ready pods has no A records: NXDOMAIN, as CoreDNS answers.
  return ips.length ? ips.sort() : undefined
}

function isReady(pod: KubeObject): boolean {
  const status = pod.status as { podIP?: string; conditions?: { type: string; status: string }[] } | undefined
  return !!status?.podIP && !!status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
}

/**
 * Resolves a name the way a pod's stub resolver does: /etc/hosts entries first,
 * IP literals as themselves, then the search list (namespace given) with ndots:5.
 * Without a namespace (the learner's terminal on the kind network) only absolute
 * cluster names would work, and those are not reachable from outside: callers pass `hosts` only.
 */
export function resolveName(store: ObjectStore, name: string, opts: { namespace?: string; hosts?: Record<string, string> } = {}): DnsAnswer {
  const query = name.toLowerCase()
  if (query.length === 0 || query.length > MAX_NAME_LENGTH) return { kind: 'nxdomain', name }
  if (isIpv4(query)) return { kind: 'found', name: query, addresses: [query] }
  const hostIp = opts.hosts?.[query]
  if (hostIp) return { kind: 'found', name: query, addresses: [hostIp] }
  if (opts.namespace === undefined) return { kind: 'nxdomain', name }
  for (const candidate of candidates(query, opts.namespace)) {
    const addresses = lookupFqdn(store, candidate)
    if (addresses) return { kind: 'found', name: candidate, addresses }
  }
  return { kind: 'nxdomain', name }
}

function candidates(query: string, namespace: string): string[] {
  if (query.endsWith('.')) return [query.slice(0, -1)]
  const dots = query.split('.').length - 1
  const searched = searchDomains(namespace).map((d) => `${query}.${d}`)
  return dots >= NDOTS ? [query, ...searched] : [...searched, query]
}
