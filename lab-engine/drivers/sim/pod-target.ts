// Pod targets: the pod and container a driver call names, as the grader's checks name them (a pod, or a label selector).
//
// A selector picks a running pod, newest first among equals, as a check wants
// the workload's current pod (like `kubectl exec deploy/x`, which prefers
// running and ready pods). The container defaults as kubectl's does: the
// `kubectl.kubernetes.io/default-container` annotation, else the first one.
import { parseSelector, matches } from '../../cluster/label-selector'
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { containerByName, containerRunning, DEFAULT_CONTAINER_ANNOTATION } from '../../kubectl/commands/attachable-pod'
import type { ContainerSpec } from '../../pod-shell/pod-env'
import { DriverError, type PodRef } from '../cluster-driver'

export interface PodTarget {
  pod: KubeObject
  container: ContainerSpec
}

export function resolvePodTarget(store: ObjectStore, ref: PodRef, containerName?: string): PodTarget {
  const pod = ref.name ? namedPod(store, ref) : selectedPod(store, ref)
  const container = containerName ? containerByName(pod, containerName) : defaultContainer(pod)
  if (!container) throw new DriverError('not-found', `container ${containerName ?? '(default)'} is not valid for pod ${pod.metadata.name}`)
  if (!containerRunning(pod, container.name)) throw new DriverError('failed', `container ${container.name} in pod ${ref.namespace}/${pod.metadata.name} is not running`)
  return { pod, container }
}

function namedPod(store: ObjectStore, ref: PodRef): KubeObject {
  const pod = store.get({ kind: 'Pod', namespace: ref.namespace, name: ref.name! })
  if (!pod) throw new DriverError('not-found', `pods "${ref.name}" not found in namespace ${ref.namespace}`)
  return pod
}

function selectedPod(store: ObjectStore, ref: PodRef): KubeObject {
  if (!ref.selector) throw new DriverError('invalid', 'a pod reference needs a name or a label selector')
  let selector
  try {
    selector = parseSelector(ref.selector)
  } catch (err) {
    throw new DriverError('invalid', `bad label selector "${ref.selector}": ${(err as Error).message}`)
  }
  const running = store
    .list({ kind: 'Pod', namespace: ref.namespace })
    .filter((p) => matches(selector, p.metadata.labels) && phase(p) === 'Running' && !p.metadata.deletionTimestamp)
    .sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name))
  if (!running[0]) throw new DriverError('not-found', `no running pod in namespace ${ref.namespace} matches ${ref.selector}`)
  return running[0]
}

function defaultContainer(pod: KubeObject): ContainerSpec | undefined {
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION]
  const containers = ((pod.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? [])
  return (annotated && containerByName(pod, annotated)) || containers[0]
}

function phase(pod: KubeObject): string | undefined {
  return (pod.status as { phase?: string } | undefined)?.phase
}
