// The pod behind `POD` or `TYPE/NAME` for exec, logs and port-forward, and the container kubectl defaults to.
//
// Follows k8s.io/kubectl/pkg/polymorphichelpers (attachablePodForObject,
// GetFirstPod: pods matching the owner's selector, running and ready first,
// waiting up to --pod-running-timeout for one to appear) and
// k8s.io/kubectl/pkg/cmd/util/podcmd (the `kubectl.kubernetes.io/default-container`
// annotation, else the first container; `Defaulted container "x" out of: ...`).

import { notFound } from '../../cluster/api-error'
import { fromLabelSelector, matches, type Selector } from '../../cluster/label-selector'
import type { KubeObject } from '../../cluster/types'
import type { ContainerSpec } from '../../pod-shell/pod-env'
import { KubectlError, resolveType, type VerbContext } from './context'
import { objectRef } from './resource-args'
import { waitFor } from './wait-for'

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container'
/** kubectl's --pod-running-timeout default. */
export const POD_RUNNING_TIMEOUT_MS = 60_000

export interface PodPick { pod: KubeObject; candidates: number }

export async function attachablePod(ctx: VerbContext, arg: string, timeoutMs = POD_RUNNING_TIMEOUT_MS): Promise<PodPick> {
  const slash = arg.indexOf('/')
  const info = slash < 0 ? resolveType(ctx.env, 'pods') : resolveType(ctx.env, arg.slice(0, slash))
  const name = slash < 0 ? arg : arg.slice(slash + 1)
  if (!name) throw new KubectlError('arguments in resource/name form must have a single resource and name')
  const owner = ctx.env.store.get(objectRef(info, name, ctx.namespace))
  if (!owner) throw notFound(info, name)
  if (info.kind === 'Pod') return { pod: owner, candidates: 1 }
  const selector = selectorOf(owner)
  const find = () => ctx.env.store.list({ kind: 'Pod', namespace: ctx.namespace }).filter((p) => matches(selector, p.metadata.labels))
  if (!(await waitFor(ctx, () => find().length > 0, timeoutMs))) throw new KubectlError('timed out waiting for the condition')
  const pods = find().sort(byPreference)
  return { pod: pods[0]!, candidates: pods.length }
}

function selectorOf(owner: KubeObject): Selector {
  const spec = (owner.spec ?? {}) as { selector?: Record<string, unknown> }
  if (owner.kind === 'Service') {
    if (!spec.selector || Object.keys(spec.selector).length === 0) throw new KubectlError(`invalid service '${owner.metadata.name}': Service is defined without a selector`)
    return fromLabelSelector({ matchLabels: spec.selector as Record<string, string> })
  }
  if (!spec.selector) throw new KubectlError(`cannot attach to ${owner.kind.toLowerCase()}: selector for ${owner.kind} not implemented`)
  return fromLabelSelector(spec.selector as { matchLabels?: Record<string, string> })
}

const phaseRank = (p: KubeObject) => ({ Running: 0, Pending: 1 } as Record<string, number>)[(p.status as { phase?: string } | undefined)?.phase ?? ''] ?? 2
const readyRank = (p: KubeObject) => ((p.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 0 : 1)

/** Running before pending, ready before not ready, then older first (podutils.ActivePods reversed). */
function byPreference(a: KubeObject, b: KubeObject): number {
  return phaseRank(a) - phaseRank(b) || readyRank(a) - readyRank(b) ||
    a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp) || a.metadata.name.localeCompare(b.metadata.name)
}

export function podContainers(pod: KubeObject): ContainerSpec[] {
  return (pod.spec as { containers?: ContainerSpec[] } | undefined)?.containers ?? []
}

export function initContainers(pod: KubeObject): ContainerSpec[] {
  return (pod.spec as { initContainers?: ContainerSpec[] } | undefined)?.initContainers ?? []
}

/** `web, istio-proxy, istio-init (init)`: every container name as kubectl lists them. */
export function allContainerNames(pod: KubeObject): string {
  return [...podContainers(pod).map((c) => c.name), ...initContainers(pod).map((c) => `${c.name} (init)`)].join(', ')
}

/**
 * The default container; prints kubectl's "Defaulted container" line when the pod has a choice.
 * An annotation naming no container is an error for exec (podcmd.FindOrDefaultContainerByName)
 * and a warning for logs, which then falls back to the first container (logsForObject).
 */
export function defaultContainer(ctx: VerbContext, pod: KubeObject, opts: { quiet?: boolean; verb: 'exec' | 'logs' }): ContainerSpec {
  const containers = podContainers(pod)
  const first = containers[0]
  if (!first) throw new KubectlError(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`)
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION]
  if (annotated) {
    const found = containerByName(pod, annotated)
    if (found) return found
    if (opts.verb === 'exec') throw new KubectlError(`container ${annotated} is not valid for pod ${pod.metadata.name} out of: ${allContainerNames(pod)}`)
    ctx.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name}\n`)
  }
  if (!opts.quiet && containers.length + initContainers(pod).length > 1) ctx.err(`Defaulted container "${first.name}" out of: ${allContainerNames(pod)}\n`)
  return first
}

export function containerByName(pod: KubeObject, name: string): ContainerSpec | undefined {
  return [...podContainers(pod), ...initContainers(pod)].find((c) => c.name === name)
}

/** True when the container's status says it is running now. */
export function containerRunning(pod: KubeObject, name: string): boolean {
  const status = pod.status as { containerStatuses?: { name: string; state?: { running?: unknown } }[]; initContainerStatuses?: { name: string; state?: { running?: unknown } }[] } | undefined
  return [...(status?.containerStatuses ?? []), ...(status?.initContainerStatuses ?? [])].some((s) => s.name === name && !!s.state?.running)
}
