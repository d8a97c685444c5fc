// Reading `-f file` / `-f -` for istioctl: the VFS or stdin, parsed as multi-document YAML with the manifest limits.

import { parseManifest, type ManifestObject } from '../cluster/validation/manifest'
import { resolvePath } from '../shell/vfs'
import { IstioctlError, type SubContext } from './context'

export interface FileObjects {
  source: string
  objects: ManifestObject[]
}

/** Reads one file argument; a missing file is istioctl's `open x: no such file or directory`. */
export function readObjects(ctx: SubContext, typed: string, text = readText(ctx, typed)): FileObjects {
  const parsed = parseManifest(text, { source: typed === '-' ? 'STDIN' : typed })
  if (!parsed.ok) throw new IstioctlError(parsed.message.replace(/^error: /, ''))
  return { source: typed, objects: parsed.objects }
}

/** The file's text (stdin for `-`), or istioctl's `open x: no such file or directory`. */
export function readText(ctx: SubContext, typed: string): string {
  if (typed === '-') return ctx.shell.stdin
  const path = resolvePath(ctx.shell.cwd, typed)
  if (!ctx.shell.vfs.isFile(path)) throw new IstioctlError(`open ${typed}: no such file or directory`)
  return ctx.shell.vfs.readFile(path)
}
