// kubectl apply -f: create what is missing, merge into what exists, and say created / configured / unchanged.
//
// Follows kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/ and
// k8s.io/kubectl/pkg/cmd/apply (client-side apply keeps the
// last-applied-configuration annotation; output "deployment.apps/web created").

import { ApiError } from '../../cluster/api-error'
import { kindFor } from '../../cluster/kinds'
import type { KubeObject, ObjectInput } from '../../cluster/types'
import { kindPrefix } from '../printers'
import { LAST_APPLIED, lastAppliedText, threeWayMerge } from './apply-merge'
import { errorLine, type Verb, type VerbContext } from './context'
import { readManifests, withNamespace, type ManifestItem } from './manifest-input'
import { withServerDefaults } from './server-defaults'

const FILE_FLAGS = [
  { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'recursive', short: 'R' },
  { name: 'output', short: 'o', value: true }, { name: 'validate', value: true },
]

export const applyVerb: Verb = {
  name: 'apply',
  flags: FILE_FLAGS,
  run: (ctx) => eachManifest(ctx, applyOne, 'creating'),
}

/** Runs op on every manifest object; errors are printed after successes, as kubectl aggregates them. */
export function eachManifest(ctx: VerbContext, op: (ctx: VerbContext, obj: ObjectInput) => string, verbing: string): number {
  const { items, errors } = readManifests(ctx)
  for (const item of items) {
    try {
      ctx.out(op(ctx, prepared(ctx, item)) + '\n')
    } catch (e) {
      errors.push(serverError(e, item, verbing))
    }
  }
  for (const e of errors) ctx.err(e + '\n')
  return errors.length > 0 ? 1 : 0
}

function prepared(ctx: VerbContext, item: ManifestItem): ObjectInput {
  const info = kindFor(String(item.object.apiVersion), String(item.object.kind))
  return withNamespace(ctx, item, info?.namespaced ?? true) as unknown as ObjectInput
}

/** `Error from server (NotFound): error when creating "web.yaml": namespaces "x" not found`. */
export function serverError(e: unknown, item: ManifestItem, verbing: string): string {
  if (!(e instanceof ApiError) || e.reason === 'Invalid' || e.reason === 'NoMatch') return errorLine(e)
  return `Error from server (${e.reason}): error when ${verbing} "${item.source}": ${e.message}`
}

function applyOne(ctx: VerbContext, input: ObjectInput): string {
  const store = ctx.env.store
  const ref = { kind: input.kind, apiVersion: input.apiVersion, name: String(input.metadata?.name ?? ''), namespace: input.metadata?.namespace }
  const annotated = withLastApplied(input)
  const live = ref.name ? store.get(ref) : undefined
  if (!live) {
    const created = store.create(withServerDefaults(annotated))
    return `${kindPrefix(created)}/${created.metadata.name} created`
  }
  const lastText = live.metadata.annotations?.[LAST_APPLIED]
  const last = lastText ? safeParse(lastText) : undefined
  const next = store.mutate(ref, (draft) => mergeInto(draft, last, annotated))
  return `${kindPrefix(next)}/${next.metadata.name} ${next === live ? 'unchanged' : 'configured'}`
}

/** kubectl sets the annotation on the object first, so the recorded text carries `"annotations":{}` when there were none. */
function withLastApplied(input: ObjectInput): ObjectInput {
  const annotations = { ...(input.metadata?.annotations ?? {}) }
  delete annotations[LAST_APPLIED]
  const forText = { ...input, metadata: { ...input.metadata, annotations } }
  return { ...input, metadata: { ...input.metadata, annotations: { ...annotations, [LAST_APPLIED]: lastAppliedText(forText) } } }
}

function mergeInto(live: KubeObject, last: unknown, desired: ObjectInput): KubeObject {
  const { status: _s, ...wanted } = desired
  const lastObj = (last ?? {}) as Record<string, unknown>
  const merged = threeWayMerge(live, { ...lastObj, metadata: { ...(lastObj.metadata as object), annotations: { ...((lastObj.metadata as { annotations?: object })?.annotations ?? {}), [LAST_APPLIED]: '' } } }, wanted) as KubeObject
  return { ...merged, status: live.status }
}

function safeParse(text: string): unknown {
  try { return JSON.parse(text) } catch { return undefined }
}
