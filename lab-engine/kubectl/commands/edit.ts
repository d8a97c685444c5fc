// kubectl edit TYPE/NAME: the object as YAML in the learner's editor; on save it is validated and stored.
//
// Follows k8s.io/kubectl/pkg/cmd/util/editor/editoptions.go: the temp file
// starts with kubectl's comment header; `Edit cancelled, no changes made.` when
// the saved text equals the original (or the editor closed unsaved); an empty
// file is `Edit cancelled, saved file was empty.`; an invalid result reopens
// the file with the errors in the header, and re-saving the same invalid text
// ends with `error: Edit cancelled, no valid changes were saved.`; success is
// `deployment.apps/web edited`. Without a browser (headless CLI) there is no
// editor to run: editor.go's `error: unable to launch the editor "vi"`.
// Assumptions: several objects are edited one after another rather than as
// one List document; at most MAX_EDIT_ROUNDS reopenings.

import { resourceName } from '../../cluster/api-error'
import { kindFor } from '../../cluster/kinds'
import { parseManifest } from '../../cluster/validation/manifest'
import type { KubeObject } from '../../cluster/types'
import { goYaml, kindPrefix } from '../printers'
import { KubectlError, type Verb, type VerbContext } from './context'
import { flag } from './flags'
import { PrintedError, updateObject } from './object-update'
import { objectRef, parseResourceArgs } from './resource-args'

export const MAX_EDIT_ROUNDS = 3

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`

export const editVerb: Verb = {
  name: 'edit',
  flags: [{ name: 'output', short: 'o', value: true }, { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'save-config' }, { name: 'validate', value: true }],
  async run(ctx) {
    const editor = ctx.shell.env.KUBE_EDITOR || ctx.shell.env.EDITOR || 'vi'
    const requests = parseResourceArgs(ctx.env, ctx.flags.args)
    if (requests.length === 0) throw new KubectlError('You must provide one or more resources by argument or filename.')
    const objects = requests.flatMap(({ info, names }) => {
      if (names.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified')
      return names.map((n) => ctx.env.store.mustGet(objectRef(info, n, ctx.namespace)))
    })
    if (!ctx.env.ui) throw new KubectlError(`unable to launch the editor "${editor}"`)
    if (flag(ctx.flags, 'output')) throw new KubectlError('--output is not supported by the simulated editor')
    let code = 0
    for (const o of objects) code = Math.max(code, await editOne(ctx, o))
    return code
  },
}

/** A free temp path, as kubectl's os.CreateTemp("", "kubectl-edit-*.yaml") would give. */
function tempPath(ctx: VerbContext): string {
  const vfs = ctx.shell.vfs
  if (!vfs.isDir('/tmp')) vfs.mkdir('/tmp', { parents: true })
  for (let n = 1; ; n++) if (!vfs.stat(`/tmp/kubectl-edit-${n}.yaml`)) return `/tmp/kubectl-edit-${n}.yaml`
}

function withoutComments(text: string): string {
  return text.split('\n').filter((l) => !l.startsWith('#')).join('\n')
}

async function editOne(ctx: VerbContext, original: KubeObject): Promise<number> {
  const path = tempPath(ctx)
  const title = `${kindPrefix(original)}/${original.metadata.name}`
  const body = goYaml(original)
  let shown = HEADER + body
  let lastInvalid: string | undefined
  try {
    for (let round = 0; round <= MAX_EDIT_ROUNDS; round++) {
      ctx.shell.vfs.writeFile(path, shown)
      const saved = await waitForEditor(ctx, path, title)
      if (saved === undefined) return 130
      const text = saved && ctx.shell.vfs.isFile(path) ? withoutComments(ctx.shell.vfs.readFile(path)) : body
      if (text.trim() === '') { ctx.out('Edit cancelled, saved file was empty.\n'); return 0 }
      if (text.trim() === body.trim()) { ctx.out('Edit cancelled, no changes made.\n'); return 0 }
      if (text === lastInvalid) break
      const problem = tryApply(ctx, original, text)
      if (problem === UNCHANGED) { ctx.out('Edit cancelled, no changes made.\n'); return 0 }
      if (problem === undefined) { ctx.out(`${title} edited\n`); return 0 }
      lastInvalid = text
      shown = `${HEADER}# ${resourceName(kindFor(original.apiVersion, original.kind)!)} "${original.metadata.name}" was not valid:\n${problem.split('\n').map((l) => `# * ${l}`).join('\n')}\n#\n${text}`
    }
  } finally {
    if (ctx.shell.vfs.isFile(path)) ctx.shell.vfs.remove(path)
  }
  ctx.err('error: Edit cancelled, no valid changes were saved.\n')
  return 1
}

const UNCHANGED = '\u0000unchanged'

/** The editor round trip; undefined when the command was interrupted (Ctrl-C) while the editor was open. */
async function waitForEditor(ctx: VerbContext, path: string, title: string): Promise<boolean | undefined> {
  try {
    return await ctx.env.ui!.edit(path, title, ctx.shell.signal)
  } catch (e) {
    if (ctx.shell.signal.aborted) return undefined
    throw e
  }
}

/** Undefined when stored, UNCHANGED when the result equals the live object; otherwise the reason, for the reopened header. */
function tryApply(ctx: VerbContext, live: KubeObject, text: string): string | undefined {
  const parsed = parseManifest(text, { source: 'edited file' })
  if (!parsed.ok) return parsed.message.replace(/^error: /, '')
  if (parsed.objects.length !== 1) return 'the edited file must hold exactly one object'
  try {
    return updateObject(ctx, live, parsed.objects[0]!.object) === live ? UNCHANGED : undefined
  } catch (e) {
    if (e instanceof PrintedError || (e as Error)?.name === 'ApiError') return (e as Error).message
    throw e
  }
}
