// Waiting for pods through any driver: look, let cluster time pass, look again (what `kubectl wait --for=condition=Ready` does).
import { DriverError, type ClusterDriver, type KubeObject } from './cluster-driver'

export const READY_POLL_MS = 1_000

export interface WaitReadyQuery {
  namespace: string
  labelSelector?: string
  /** Pods expected at least (a Deployment's replicas not created yet are not "ready"). */
  minPods?: number
  timeoutMs: number
}

/** Resolves with the ready pods; throws DriverError('timeout') naming the pods still not ready. */
export async function waitForReadyPods(driver: ClusterDriver, q: WaitReadyQuery): Promise<KubeObject[]> {
  let waited = 0
  for (;;) {
    const pods = await driver.list({ kind: 'Pod', namespace: q.namespace, labelSelector: q.labelSelector })
    const live = pods.filter((p) => !p.metadata.deletionTimestamp)
    const notReady = live.filter((p) => !isReady(p))
    if (live.length >= (q.minPods ?? 1) && notReady.length === 0) return live
    if (waited >= q.timeoutMs) {
      const names = notReady.map((p) => p.metadata.name).join(', ') || `fewer than ${q.minPods ?? 1} pods`
      throw new DriverError('timeout', `timed out after ${q.timeoutMs} ms waiting for pods in ${q.namespace} to be ready: ${names}`)
    }
    await driver.settle(READY_POLL_MS)
    waited += READY_POLL_MS
  }
}

function isReady(pod: KubeObject): boolean {
  const conditions = (pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True')
}
