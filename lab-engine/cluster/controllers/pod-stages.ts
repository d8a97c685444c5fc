// Pod stages: a new Pod is scheduled, its containers are created, then it runs — as data for the stage interpreter.
//
// Phases, conditions and container states follow kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/
// (Pending -> Running; PodScheduled, PodReadyToStartContainers, Initialized,
// ContainersReady, Ready; waiting reason ContainerCreating). Event wording follows
// the scheduler ("Successfully assigned <ns>/<pod> to <node>") and the kubelet
// (Pulling, Pulled, Created, Started), as `kubectl describe pod` shows it on kind.

import { KIND_NODE_NAME, NODE_IP } from '../bootstrap'
import type { KubeObject } from '../types'
import type { Stage, StageContext, StageResult } from './stage'

interface Container { name: string; image?: string; resources?: { requests?: object; limits?: object } }
interface PodSpec { containers?: Container[]; hostNetwork?: boolean }
interface Condition { type: string; status: string; lastTransitionTime?: string | null; lastProbeTime?: null; reason?: string; message?: string }

/** Allocates a pod IP; the pod-lifecycle controller supplies it. */
export type PodIpSource = () => string | undefined

function containersOf(pod: KubeObject): Container[] {
  return (pod.spec as PodSpec | undefined)?.containers ?? []
}

/** Conditions in the order the kubelet writes them; a condition keeps its lastTransitionTime while its status holds. */
function conditions(pod: KubeObject, now: string, wanted: Record<string, string>, unready?: string): Condition[] {
  const prev = ((pod.status as { conditions?: Condition[] } | undefined)?.conditions ?? [])
  const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']
  return order.filter((type) => wanted[type] !== undefined).map((type) => {
    const status = wanted[type]!
    const old = prev.find((c) => c.type === type)
    const c: Condition = { type, status, lastProbeTime: null, lastTransitionTime: old?.status === status ? old.lastTransitionTime ?? now : now }
    if (status === 'False' && unready && (type === 'Ready' || type === 'ContainersReady')) {
      c.reason = 'ContainersNotReady'
      c.message = `containers with unready status: [${unready}]`
    }
    return c
  })
}

/** kubernetes.io/docs/concepts/workloads/pods/pod-qos/ */
function qosClass(pod: KubeObject): string {
  const cs = containersOf(pod)
  const has = (c: Container) => Object.keys(c.resources?.requests ?? {}).length + Object.keys(c.resources?.limits ?? {}).length > 0
  if (!cs.some(has)) return 'BestEffort'
  const guaranteed = cs.every((c) => Object.keys(c.resources?.limits ?? {}).length > 0 &&
    Object.entries(c.resources?.requests ?? {}).every(([k, v]) => (c.resources?.limits as Record<string, unknown>)[k] === v))
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

/**
 * A stable stand-in for the image's size, so the Pulled message has the shape
 * kubelet v1.30+ prints ("... Image size: N bytes."): 5-80 MB, derived from the name.
 */
export function imageSizeBytes(image: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < image.length; i++) h = Math.imul(h ^ image.charCodeAt(i), 0x01000193)
  return 5_000_000 + ((h >>> 0) % 75_000_000)
}

function kubelet(reason: string, message: string, container: Container) {
  return { component: 'kubelet', event: { reason, message, fieldPath: `spec.containers{${container.name}}` } }
}

function scheduled(pod: KubeObject, ctx: StageContext): StageResult {
  return {
    spec: { nodeName: KIND_NODE_NAME },
    status: { phase: 'Pending', conditions: conditions(pod, ctx.now, { PodScheduled: 'True' }), qosClass: qosClass(pod) },
    events: [{ component: 'default-scheduler', event: { reason: 'Scheduled', message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${KIND_NODE_NAME}` } }],
  }
}

function containerCreating(pod: KubeObject, ctx: StageContext): StageResult {
  const cs = containersOf(pod)
  const names = cs.map((c) => c.name).join(' ')
  return {
    status: {
      phase: 'Pending', hostIP: NODE_IP, hostIPs: [{ ip: NODE_IP }], startTime: ctx.now,
      conditions: conditions(pod, ctx.now, { PodReadyToStartContainers: 'False', Initialized: 'True', Ready: 'False', ContainersReady: 'False', PodScheduled: 'True' }, names),
      containerStatuses: cs.map((c) => ({ name: c.name, image: c.image ?? '', imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } })),
    },
    events: cs.map((c) => kubelet('Pulling', `Pulling image "${c.image ?? ''}"`, c)),
  }
}

function running(podIp: PodIpSource) {
  return (pod: KubeObject, ctx: StageContext): StageResult => {
    const cs = containersOf(pod)
    const ip = (pod.spec as PodSpec).hostNetwork ? NODE_IP : podIp()
    const secs = `${(ctx.waitedMs / 1000).toFixed(3).replace(/\.?0+$/, '')}s`
    return {
      status: {
        phase: 'Running', ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
        conditions: conditions(pod, ctx.now, { PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True', ContainersReady: 'True', PodScheduled: 'True' }),
        containerStatuses: cs.map((c) => ({
          name: c.name, image: c.image ?? '', imageID: '', containerID: `containerd://${ctx.rng.hex(64)}`,
          ready: true, restartCount: 0, started: true, state: { running: { startedAt: ctx.now } },
        })),
        ...initStatuses(pod, ctx),
      },
      events: cs.flatMap((c) => [
        kubelet('Pulled', `Successfully pulled image "${c.image ?? ''}" in ${secs} (${secs} including waiting). Image size: ${imageSizeBytes(c.image ?? '')} bytes.`, c),
        kubelet('Created', `Created container: ${c.name}`, c),
        kubelet('Started', `Started container ${c.name}`, c),
      ]),
    }
  }
}

/** Init containers (Istio's istio-init) have run to completion by the time the app containers start. */
function initStatuses(pod: KubeObject, ctx: StageContext): { initContainerStatuses?: unknown[] } {
  const now = ctx.now
  const init = (pod.spec as { initContainers?: Container[] } | undefined)?.initContainers ?? []
  if (init.length === 0) return {}
  return {
    initContainerStatuses: init.map((c) => ({
      name: c.name, image: c.image ?? '', imageID: '', containerID: `containerd://${ctx.rng.hex(64)}`, ready: true, restartCount: 0, started: false,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: now, finishedAt: now } },
    })),
  }
}

const notDeleting = { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' } as const

/**
 * The pod stages, first match wins. Delays are simulated milliseconds: scheduling
 * takes tens, sandbox setup a few hundred, pulling and starting one to 2.5 s.
 */
export function podStages(podIp: PodIpSource): Stage[] {
  return [
    {
      name: 'pod-scheduled', kind: 'Pod', delay: { ms: 10, jitterMs: 40 }, next: scheduled,
      selector: { matchExpressions: [notDeleting, { key: '.spec.nodeName', operator: 'DoesNotExist' }] },
    },
    {
      name: 'pod-container-creating', kind: 'Pod', delay: { ms: 100, jitterMs: 200 }, next: containerCreating,
      selector: { matchExpressions: [notDeleting, { key: '.spec.nodeName', operator: 'Exists' }, { key: '.status.phase', operator: 'In', values: ['Pending'] }, { key: '.status.containerStatuses', operator: 'DoesNotExist' }] },
    },
    {
      name: 'pod-running', kind: 'Pod', delay: { ms: 1000, jitterMs: 1500 }, next: running(podIp),
      selector: { matchExpressions: [notDeleting, { key: '.status.phase', operator: 'In', values: ['Pending'] }, { key: '.status.containerStatuses[0].state.waiting.reason', operator: 'In', values: ['ContainerCreating'] }] },
    },
  ]
}
