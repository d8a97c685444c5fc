// Pod lifecycle controller: plays the scheduler and the kubelet by running the pod stages on every Pod.
//
// Pod IPs come from kind's pod subnet 10.244.0.0/16 (kind.sigs.k8s.io/docs/user/configuration/#pod-subnet),
// picked with the session Rng and never handed out twice while a pod holds one.
// Deletion is instant: the store has no graceful termination, so a deleted Pod
// is gone at once (a real one shows Terminating for its grace period).

import { toDisposable, type Disposable } from '../../core/disposable'
import { NODE_IP } from '../bootstrap'
import type { KubeObject, WatchEvent } from '../types'
import { IpAllocator } from './ip-allocator'
import { podStages } from './pod-stages'
import { StageRunner, type StageRunnerDeps } from './stage'

export const POD_SUBNET_FIRST = '10.244.0.2'
export const POD_SUBNET_LAST = '10.244.255.254'

function podIpOf(pod: KubeObject): string | undefined {
  return (pod.status as { podIP?: string } | undefined)?.podIP
}

export function startPodLifecycle(deps: StageRunnerDeps): Disposable {
  const ips = new IpAllocator(POD_SUBNET_FIRST, POD_SUBNET_LAST, deps.rng)
  const runner = new StageRunner(podStages(() => ips.allocate()), deps)
  for (const pod of deps.store.list({ kind: 'Pod' })) if (podIpOf(pod) !== NODE_IP) ips.reserve(podIpOf(pod))
  const onEvent = (ev: WatchEvent) => {
    if (ev.type === 'DELETED') {
      runner.forget(ev.object.metadata.uid)
      if (!(ev.object.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork) ips.release(podIpOf(ev.object))
      return
    }
    if (ev.type === 'ADDED' && podIpOf(ev.object) !== NODE_IP) ips.reserve(podIpOf(ev.object))
    runner.observe(ev.object)
  }
  const watch = deps.store.watch(onEvent, { kind: 'Pod' })
  for (const pod of deps.store.list({ kind: 'Pod' })) runner.observe(pod)
  return toDisposable(() => {
    watch.dispose()
    runner.dispose()
  })
}
