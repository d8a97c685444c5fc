// What `kubectl set image|env` act on: the objects named on the command line and the pod spec each carries.
//
// Follows k8s.io/kubectl/pkg/cmd/set (the builder with ResourceTypeOrNameArgs(o.All, ...),
// so a bare type needs a name, -l or --all), polymorphichelpers.UpdatePodSpecForObjectFn
// (a Pod's own spec, or spec.template.spec of the workloads the sim serves), and
// cmdutil.CheckErr's handling of the aggregated errors these commands return.

import { ApiError } from '../../cluster/api-error'
import type { KubeObject } from '../../cluster/types'
import { KubectlError, type VerbContext } from './context'
import { flag } from './flags'
import { PrintedError, updateObject } from './object-update'
import { objectRef, parseResourceArgs } from './resource-args'

export interface Container { name: string; image?: string; env?: EnvVar[]; [field: string]: unknown }
export interface EnvVar { name: string; value?: string; valueFrom?: Record<string, Record<string, unknown>> }
export interface PodSpec { containers?: Container[]; initContainers?: Container[]; [field: string]: unknown }

/** Workloads whose pod template the sim serves (DaemonSet, StatefulSet, Job are not served). */
const TEMPLATED = new Set(['Deployment', 'ReplicaSet'])

export const SET_TARGET_FLAGS = [
  { name: 'all' },
  { name: 'selector', short: 'l', value: true },
] as const

/** The live objects the resource arguments name, in order; NotFound propagates as the API error. */
export function setTargets(ctx: VerbContext, resources: readonly string[]): KubeObject[] {
  const all = flag(ctx.flags, 'all') === 'true'
  const selector = flag(ctx.flags, 'selector')
  if (all && selector) throw new KubectlError('cannot set --all and --selector at the same time')
  if ((all || selector !== undefined) && resources.some((r) => r.includes('/'))) throw new KubectlError('selectors and the all flag cannot be used when passing resource/name arguments')
  const out: KubeObject[] = []
  for (const { info, names } of parseResourceArgs(ctx.env, resources)) {
    if (names.length > 0 && (all || selector !== undefined)) throw new KubectlError('name cannot be provided when a selector is specified')
    if (names.length > 0) {
      out.push(...names.map((n) => ctx.env.store.mustGet(objectRef(info, n, ctx.namespace))))
      continue
    }
    if (!all && selector === undefined) throw new KubectlError('resource(s) were provided, but no name was specified')
    const ref = objectRef(info, '', ctx.namespace)
    out.push(...ctx.env.store.list({ kind: info.kind, apiVersion: ref.apiVersion, namespace: ref.namespace, labelSelector: selector }))
  }
  return out
}

/** The pod spec inside a (mutable) object, or undefined when its kind has none; a missing one reads as empty. */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === 'Pod' && obj.apiVersion === 'v1') return (obj.spec ?? {}) as PodSpec
  if (!TEMPLATED.has(obj.kind) || obj.apiVersion !== 'apps/v1') return undefined
  return (obj.spec as { template?: { spec?: PodSpec } } | undefined)?.template?.spec ?? {}
}

/** Stores draft over live; a refusal reads as kubectl's `failed to patch <what> update to pod template: ...`. */
export function patchTemplate(ctx: VerbContext, live: KubeObject, draft: KubeObject, what: string): KubeObject {
  try {
    return updateObject(ctx, live, draft)
  } catch (e) {
    if (e instanceof PrintedError) throw new PrintedError(`error: failed to patch ${what} update to pod template: ${e.message}`)
    if (e instanceof ApiError) throw new PrintedError(`error: failed to patch ${what} update to pod template: ${e.message}`)
    throw e
  }
}

/** UpdatePodSpecForObjectFn's refusal, as `error: <resource>/<name> <err>` with the Go type. */
export function noPodTemplate(obj: KubeObject, plural: string): string {
  const goType = obj.apiVersion.includes('.') ? '*unstructured.Unstructured' : `*v1.${obj.kind}`
  return `error: ${plural}/${obj.metadata.name} the object is not a pod or does not have a pod template: ${goType}\n`
}

/**
 * Prints errors as cmdutil.CheckErr prints an aggregate: one error gets `error: `
 * unless it has it already; several print one per line as they are.
 */
export function printErrors(ctx: VerbContext, errors: readonly string[]): number {
  if (errors.length === 0) return 0
  if (errors.length === 1) {
    const msg = errors[0]!.startsWith('error: ') ? errors[0]! : `error: ${errors[0]}`
    ctx.err(msg.endsWith('\n') ? msg : msg + '\n')
  } else {
    ctx.err(errors.map((e) => e + '\n').join(''))
  }
  return 1
}

/** selectString from set_env.go: `*` matches all, otherwise `*` is a wildcard within the name. */
export function containerMatches(name: string, pattern: string): boolean {
  if (pattern === '*') return true
  if (!pattern.includes('*')) return name === pattern
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${parts.join('.*')}$`).test(name)
}
