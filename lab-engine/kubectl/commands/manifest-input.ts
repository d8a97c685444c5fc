// `-f file|dir|-`: reads manifests from the VFS or stdin, parses and validates them as kubectl does before sending.
//
// Follows kubectl's resource builder (FilenameOptions): a directory takes its
// .json, .yaml and .yml files in name order (not recursive without -R); `-` is
// stdin, named "STDIN" in messages; a missing path is
// `error: the path "x" does not exist`.

import { parseManifest } from '../../cluster/validation/manifest'
import { validateObject } from '../../cluster/validation/validate'
import { resolvePath } from '../../shell/vfs'
import { istioInstalled, KubectlError, type VerbContext } from './context'
import { flagAll } from './flags'

export interface ManifestItem {
  object: Record<string, unknown>
  source: string
}

const EXTENSIONS = ['.json', '.yaml', '.yml']

/** Every object from every -f; a parse error aborts before anything is sent. */
export function readManifests(ctx: VerbContext): { items: ManifestItem[]; errors: string[] } {
  const files = flagAll(ctx.flags, 'filename')
  if (files.length === 0) throw new KubectlError('must specify one of -f and -k')
  const items: ManifestItem[] = []
  const errors: string[] = []
  const istio = istioInstalled(ctx.env.store)
  for (const [source, text] of files.flatMap((f) => sources(ctx, f))) {
    const parsed = parseManifest(text, { source })
    if (!parsed.ok) throw new KubectlError(parsed.message.replace(/^error: /, ''))
    for (const { object } of parsed.objects) {
      const valid = validateObject(object, { source, istioInstalled: istio })
      if (valid.ok) items.push({ object, source })
      else errors.push(valid.message)
    }
  }
  if (items.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to ' + ctx.verb)
  return { items, errors }
}

function sources(ctx: VerbContext, typed: string): [string, string][] {
  if (typed === '-') return [['STDIN', ctx.shell.stdin]]
  const path = resolvePath(ctx.shell.cwd, typed)
  const vfs = ctx.shell.vfs
  if (vfs.isFile(path)) return [[typed, vfs.readFile(path)]]
  if (!vfs.isDir(path)) throw new KubectlError(`the path "${typed}" does not exist`)
  return vfs.readdir(path).filter((n) => EXTENSIONS.some((e) => n.endsWith(e)) && vfs.isFile(`${path}/${n}`)).sort()
    .map((n) => [`${typed.replace(/\/+$/, '')}/${n}`, vfs.readFile(`${path}/${n}`)])
}

/** The object's namespace against -n: kubectl refuses a mismatch; a missing one takes -n. */
export function withNamespace(ctx: VerbContext, item: ManifestItem, namespaced: boolean): Record<string, unknown> {
  const meta = { ...((item.object.metadata as Record<string, unknown>) ?? {}) }
  if (namespaced) {
    const ns = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : undefined
    if (ns && ctx.namespaceSet && ns !== ctx.namespace) {
      throw new KubectlError(`the namespace from the provided object "${ns}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${ns}' to perform this operation.`)
    }
    meta.namespace = ns ?? ctx.namespace
  }
  return { ...item.object, metadata: meta }
}
