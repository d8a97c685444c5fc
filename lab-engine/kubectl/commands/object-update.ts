// Writing a whole new version of a live object (patch, edit, replace): validate as the API server would, then update.
//
// The API server validates the result of a patch like any update; its messages
// carry no "error when creating" file context, so that part is dropped from the
// create-time wording validateObject gives. Status is not writable through the
// main resource (the /status subresource owns it), so the live status is kept.

import type { KubeObject, ObjectInput } from '../../cluster/types'
import { validateObject } from '../../cluster/validation/validate'
import { istioInstalled, type VerbContext } from './context'

const SOURCE = '\u0000update'

/** Thrown with a line kubectl prints as-is (server errors that carry their own prefix). */
export class PrintedError extends Error {}

/** Validates candidate and stores it over live; returns the stored object (live itself when nothing changed). */
export function updateObject(ctx: VerbContext, live: KubeObject, candidate: Record<string, unknown>): KubeObject {
  if (candidate.kind !== live.kind || candidate.apiVersion !== live.apiVersion) {
    throw new PrintedError(`The ${live.kind} "${live.metadata.name}" is invalid: kind: Invalid value: "${String(candidate.kind)}": must be ${live.kind}`)
  }
  const meta = (candidate.metadata ?? {}) as Record<string, unknown>
  if (meta.name !== live.metadata.name) {
    throw new PrintedError(`The ${live.kind} "${live.metadata.name}" is invalid: metadata.name: Invalid value: ${JSON.stringify(meta.name ?? '')}: field is immutable`)
  }
  const immutable = immutableProblem(live, candidate)
  if (immutable) throw new PrintedError(immutable)
  const { status: _s, ...desired } = candidate
  const valid = validateObject(desired, { source: SOURCE, istioInstalled: istioInstalled(ctx.env.store) })
  if (!valid.ok) throw new PrintedError(valid.message.replace(`error when creating "${SOURCE}": `, ''))
  const next = { ...desired, status: live.status, metadata: { ...meta, resourceVersion: undefined } } as unknown as ObjectInput
  delete (next.metadata as Record<string, unknown>).resourceVersion
  return ctx.env.store.update(next)
}

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }

/** apps/v1 Deployment and ReplicaSet selectors cannot change (apps validation: `field is immutable`). */
export function immutableProblem(live: KubeObject, candidate: Record<string, unknown>): string | undefined {
  if (!['Deployment', 'ReplicaSet'].includes(live.kind)) return undefined
  const before = (live.spec as { selector?: Selector } | undefined)?.selector
  const after = (candidate.spec as { selector?: Selector } | undefined)?.selector
  if (JSON.stringify(canonical(before)) === JSON.stringify(canonical(after))) return undefined
  return `The ${live.kind} "${live.metadata.name}" is invalid: spec.selector: Invalid value: ${goSelector(after)}: field is immutable`
}

function canonical(s: Selector | undefined): unknown {
  const labels = s?.matchLabels ?? {}
  return [Object.keys(labels).sort().map((k) => [k, labels[k]]), s?.matchExpressions ?? []]
}

/** Go's %#v of a *metav1.LabelSelector, as the API server prints an invalid value. */
function goSelector(s: Selector | undefined): string {
  if (!s) return '(*v1.LabelSelector)(nil)'
  const labels = s.matchLabels
  const ml = labels ? `map[string]string{${Object.keys(labels).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}` : 'map[string]string(nil)'
  const me = s.matchExpressions?.length ? `[]v1.LabelSelectorRequirement{...}` : '[]v1.LabelSelectorRequirement(nil)'
  return `v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${me}}`
}

/** Runs op; a PrintedError prints as-is with exit 1 (kubectl errors and API errors propagate to the dispatcher). */
export function printingErrors(ctx: VerbContext, op: () => number): number {
  try {
    return op()
  } catch (e) {
    if (!(e instanceof PrintedError)) throw e
    ctx.err(e.message + '\n')
    return 1
  }
}
