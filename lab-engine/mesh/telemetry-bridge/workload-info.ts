// Workload facts of a pod, as Istio's peer metadata exchange reports them in metric labels.
//
// Istio docs, reference/config/metrics ("Labels"): source/destination_workload is the
// controller's name (the Deployment for pods of a ReplicaSet), app and version come from
// the pod's `app` / `version` labels (or app.kubernetes.io/name and /version),
// canonical service and revision from service.istio.io/canonical-name and
// canonical-revision (defaulting to app and version), the principal from the pod's
// service account: spiffe://<trust domain>/ns/<namespace>/sa/<service account>.
import type { KubeObject } from '../../cluster/types'
import type { DestinationService, ScrapeTarget, WorkloadInfo } from '../../telemetry'

/** Istio's default trust domain (meshConfig.trustDomain). */
export const TRUST_DOMAIN = 'cluster.local'

const cache = new WeakMap<KubeObject, { info: WorkloadInfo; target: ScrapeTarget }>()

function labelsOf(pod: KubeObject): Record<string, string> {
  return (pod.metadata.labels ?? {}) as Record<string, string>
}

/**
 * The workload name: a ReplicaSet owner loses its pod-template-hash suffix (its Deployment),
 * another owner (StatefulSet, DaemonSet, Job) gives its own name, a bare pod its own name.
 */
export function workloadName(pod: KubeObject): string {
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0]
  if (!owner) return pod.metadata.name
  const hash = labelsOf(pod)['pod-template-hash']
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -hash.length - 1)
  return owner.name
}

export function serviceAccountOf(pod: KubeObject): string {
  return (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName || 'default'
}

/** The SPIFFE identity Istio issues the pod's proxy. */
export function principalOf(pod: KubeObject): string {
  return `spiffe://${TRUST_DOMAIN}/ns/${pod.metadata.namespace ?? 'default'}/sa/${serviceAccountOf(pod)}`
}

/** What telemetry knows about a pod (cached per pod object: store objects are replaced, not mutated). */
export function workloadInfoOf(pod: KubeObject): WorkloadInfo {
  return entry(pod).info
}

/** The Prometheus scrape target labels for a pod's proxy. */
export function scrapeTargetOf(pod: KubeObject): ScrapeTarget {
  return entry(pod).target
}

function entry(pod: KubeObject): { info: WorkloadInfo; target: ScrapeTarget } {
  const hit = cache.get(pod)
  if (hit) return hit
  const l = labelsOf(pod)
  const app = l.app ?? l['app.kubernetes.io/name']
  const version = l.version ?? l['app.kubernetes.io/version']
  const info: WorkloadInfo = {
    workload: workloadName(pod),
    namespace: pod.metadata.namespace ?? 'default',
    principal: principalOf(pod),
    ...(app !== undefined ? { app } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(l['service.istio.io/canonical-name'] ? { canonicalService: l['service.istio.io/canonical-name'] } : {}),
    ...(l['service.istio.io/canonical-revision'] ? { canonicalRevision: l['service.istio.io/canonical-revision'] } : {}),
  }
  const status = pod.status as { podIP?: string } | undefined
  const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName
  const target: ScrapeTarget = {
    pod: pod.metadata.name, namespace: info.namespace, podLabels: l,
    ...(status?.podIP ? { podIp: status.podIP } : {}), ...(node ? { node } : {}),
  }
  const made = { info, target }
  cache.set(pod, made)
  return made
}

/** A destination service from its FQDN: name.namespace.svc.cluster.local, or an external host as itself. */
export function destinationServiceOf(host: string): DestinationService {
  let svc = services.get(host)
  if (svc) return svc
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(host)
  svc = m ? { host, name: m[1]!, namespace: m[2]! } : { host, name: host, namespace: 'unknown' }
  if (services.size >= MAX_SERVICES) services.clear()
  services.set(host, svc)
  return svc
}

/** One object per service host, so telemetry can remember a series per service object. */
const services = new Map<string, DestinationService>()
const MAX_SERVICES = 1024
