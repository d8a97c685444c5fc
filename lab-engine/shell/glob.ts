// Glob: bash pattern matching (`*`, `?`, `[...]`, backslash escapes) for pathname expansion, case and ${X#pat}.
import type { Vfs } from './vfs'
import { resolvePath } from './vfs'

/** Most paths one glob may produce. */
export const MAX_GLOB_RESULTS = 1000

/** Escapes pattern characters so quoted text matches itself. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&')
}

export function hasGlobChars(pattern: string): boolean {
  return /(^|[^\\])[*?[]/.test(pattern)
}

/** Pattern -> RegExp source; `pathname` keeps `*` and `?` from crossing `/`. */
export function globToRegexSource(pattern: string, pathname = false): string {
  const any = pathname ? '[^/]' : '[\\s\\S]'
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\' && i + 1 < pattern.length) out += escapeRegex(pattern[++i])
    else if (c === '*') out += `${any}*`
    else if (c === '?') out += any
    else if (c === '[') {
      const cls = bracket(pattern, i)
      if (cls) { out += cls.source; i = cls.end } else out += '\\['
    } else out += escapeRegex(c)
  }
  return out
}

export function globMatch(pattern: string, text: string): boolean {
  return new RegExp(`^${globToRegexSource(pattern)}$`).test(text)
}

function bracket(p: string, start: number): { source: string; end: number } | null {
  let i = start + 1
  const negate = p[i] === '!' || p[i] === '^'
  if (negate) i++
  let body = ''
  for (let first = true; i < p.length; i++, first = false) {
    if (p[i] === ']' && !first) return { source: `[${negate ? '^' : ''}${body}]`, end: i }
    body += p[i] === '\\' || p[i] === ']' || p[i] === '^' ? `\\${p[i]}` : p[i]
  }
  return null
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Pathname expansion against the VFS, sorted; null when nothing matches (bash then keeps the word). */
export function expandGlob(pattern: string, vfs: Vfs, cwd: string): string[] | null {
  const absolute = pattern.startsWith('/')
  const segs = pattern.split('/').filter(Boolean)
  let paths: string[] = [absolute ? '/' : '']
  for (const seg of segs) {
    paths = paths.flatMap((p) => matchSegment(p, seg, vfs, cwd)).slice(0, MAX_GLOB_RESULTS)
    if (paths.length === 0) return null
  }
  return paths.sort()
}

function matchSegment(prefix: string, seg: string, vfs: Vfs, cwd: string): string[] {
  const join = (name: string) => (prefix === '' ? name : prefix === '/' ? `/${name}` : `${prefix}/${name}`)
  const dir = resolvePath(cwd, prefix || '.')
  if (!hasGlobChars(seg)) {
    const name = seg.replace(/\\(.)/g, '$1')
    return vfs.stat(resolvePath(dir, name)) ? [join(name)] : []
  }
  if (!vfs.isDir(dir)) return []
  const re = new RegExp(`^${globToRegexSource(seg, true)}$`)
  const names = vfs.readdir(dir).filter((n) => re.test(n) && (!n.startsWith('.') || seg.startsWith('.')))
  return names.map(join)
}
