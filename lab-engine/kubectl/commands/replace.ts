// kubectl replace -f FILE [--force]: store each manifest as the whole new version of its live object.
//
// Follows k8s.io/kubectl/pkg/cmd/replace/replace.go: a missing object is
// `Error from server (NotFound): error when replacing "FILE": ...`, success is
// `deployment.apps/web replaced`; --force deletes (`deployment.apps "web"
// deleted`) and creates again. A resourceVersion in the file is checked
// (Conflict when stale); status belongs to the /status subresource and is kept.

import { ApiError } from '../../cluster/api-error'
import type { KubeObject, ObjectInput } from '../../cluster/types'
import { kindPrefix } from '../printers'
import { eachManifest } from './apply'
import { KubectlError, type Verb, type VerbContext } from './context'
import { bool, flagAll } from './flags'
import { singularRef } from './resource-args'
import { immutableProblem } from './object-update'
import { withServerDefaults } from './server-defaults'

export const replaceVerb: Verb = {
  name: 'replace',
  flags: [
    { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'recursive', short: 'R' }, { name: 'force' },
    { name: 'output', short: 'o', value: true }, { name: 'validate', value: true }, { name: 'save-config' },
    { name: 'grace-period', value: true }, { name: 'cascade', value: true }, { name: 'wait' },
  ],
  run(ctx) {
    if (flagAll(ctx.flags, 'filename').length === 0) throw new KubectlError('must specify --filename to replace')
    if (ctx.flags.args.length > 0) throw new KubectlError(`Unexpected args: [${ctx.flags.args.join(' ')}]\nSee 'kubectl replace -h' for help and examples`)
    return eachManifest(ctx, bool(ctx.flags, 'force') ? forceReplace : replaceOne, 'replacing')
  },
}

function refOf(input: ObjectInput) {
  return { kind: input.kind, apiVersion: input.apiVersion, name: String(input.metadata?.name ?? ''), namespace: input.metadata?.namespace }
}

function replaceOne(ctx: VerbContext, input: ObjectInput): string {
  const live = ctx.env.store.mustGet(refOf(input))
  const immutable = immutableProblem(live, input as unknown as Record<string, unknown>)
  if (immutable) throw new ApiError('Invalid', immutable)
  const next = ctx.env.store.update({ ...input, status: live.status })
  return `${kindPrefix(next)}/${next.metadata.name} replaced`
}

/** Delete (if present) then create; kubectl prints both steps. */
function forceReplace(ctx: VerbContext, input: ObjectInput): string {
  const live: KubeObject | undefined = ctx.env.store.get(refOf(input))
  const lines: string[] = []
  if (live) {
    ctx.env.store.delete(refOf(input))
    lines.push(`${singularRef(live)} "${live.metadata.name}" deleted`)
  }
  const { resourceVersion: _rv, uid: _uid, ...meta } = input.metadata ?? {}
  const created = ctx.env.store.create(withServerDefaults({ ...input, metadata: meta, status: undefined }))
  lines.push(`${kindPrefix(created)}/${created.metadata.name} replaced`)
  return lines.join('\n')
}
