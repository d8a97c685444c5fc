// Vfs: the learner's virtual file system (directories and files only), capped and serialisable to JSON.
import { VfsError } from './vfs-error'

export const HOME_DIR = '/home/learner'
/** Largest single file, in UTF-8 bytes. */
export const MAX_FILE_BYTES = 1024 * 1024
/** All file contents together, in UTF-8 bytes. */
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024
/** Files and directories together. */
export const MAX_ENTRIES = 10_000

export type VfsNode =
  | { type: 'dir'; mtime: number; children: Record<string, VfsNode> }
  | { type: 'file'; mtime: number; content: string }

export interface VfsJson {
  version: 1
  root: VfsNode
}

export interface VfsStat {
  type: 'dir' | 'file'
  size: number
  mtime: number
}

const encoder = new TextEncoder()
const byteLength = (s: string) => encoder.encode(s).length

/** Joins `path` onto `cwd` and folds `.`, `..` and repeated slashes; `~` is the home directory. */
export function resolvePath(cwd: string, path: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? HOME_DIR + path.slice(1) : path
  const full = expanded.startsWith('/') ? expanded : `${cwd}/${expanded}`
  const out: string[] = []
  for (const seg of full.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') out.pop()
    else out.push(seg)
  }
  return '/' + out.join('/')
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

export class Vfs {
  private root: VfsNode = { type: 'dir', mtime: 0, children: {} }
  private entries = 1
  private bytes = 0

  constructor(private readonly now: () => number = () => 0) {}

  /** A fresh tree with the usual top-level directories and the learner's home. */
  static withHome(now?: () => number): Vfs {
    const vfs = new Vfs(now)
    for (const dir of ['/tmp', '/etc', HOME_DIR]) vfs.mkdir(dir, { parents: true })
    return vfs
  }

  static fromJSON(json: VfsJson, now?: () => number): Vfs {
    if (json?.version !== 1 || json.root?.type !== 'dir') throw new VfsError('EINVAL', '/')
    const vfs = new Vfs(now)
    vfs.root = structuredClone(json.root)
    vfs.recount()
    return vfs
  }

  toJSON(): VfsJson {
    return { version: 1, root: structuredClone(this.root) }
  }

  usage(): { entries: number; bytes: number } {
    return { entries: this.entries, bytes: this.bytes }
  }

  stat(path: string): VfsStat | null {
    const node = this.lookup(path)
    if (!node) return null
    const size = node.type === 'file' ? byteLength(node.content) : 4096
    return { type: node.type, size, mtime: node.mtime }
  }

  isDir(path: string): boolean {
    return this.lookup(path)?.type === 'dir'
  }

  isFile(path: string): boolean {
    return this.lookup(path)?.type === 'file'
  }

  readFile(path: string): string {
    const node = this.lookup(path)
    if (!node) throw new VfsError(this.parentIsFile(path) ? 'ENOTDIR' : 'ENOENT', path)
    if (node.type === 'dir') throw new VfsError('EISDIR', path)
    return node.content
  }

  /** Creates or replaces (or appends to) a file; limits are checked before anything changes. */
  writeFile(path: string, content: string, opts: { append?: boolean } = {}): void {
    const dir = this.parentDir(path)
    const name = basename(path)
    const old = dir.children[name]
    if (old?.type === 'dir') throw new VfsError('EISDIR', path)
    const next = opts.append && old ? old.content + content : content
    const delta = byteLength(next) - (old ? byteLength(old.content) : 0)
    if (byteLength(next) > MAX_FILE_BYTES) throw new VfsError('EFBIG', path)
    if (this.bytes + delta > MAX_TOTAL_BYTES) throw new VfsError('ENOSPC', path)
    if (!old) this.reserveEntry(path)
    dir.children[name] = { type: 'file', mtime: this.now(), content: next }
    this.bytes += delta
  }

  mkdir(path: string, opts: { parents?: boolean } = {}): void {
    if (opts.parents) return this.mkdirParents(path)
    const dir = this.parentDir(path)
    const name = basename(path)
    if (path === '/' || dir.children[name]) throw new VfsError('EEXIST', path)
    this.reserveEntry(path)
    dir.children[name] = { type: 'dir', mtime: this.now(), children: {} }
  }

  readdir(path: string): string[] {
    const node = this.lookup(path)
    if (!node) throw new VfsError('ENOENT', path)
    if (node.type !== 'dir') throw new VfsError('ENOTDIR', path)
    return Object.keys(node.children).sort()
  }

  /** Removes a file, or a directory (non-empty only with `recursive`). */
  remove(path: string, opts: { recursive?: boolean } = {}): void {
    const node = this.lookup(path)
    if (!node || path === '/') throw new VfsError(path === '/' ? 'EINVAL' : 'ENOENT', path)
    if (node.type === 'dir' && Object.keys(node.children).length > 0 && !opts.recursive) {
      throw new VfsError('ENOTEMPTY', path)
    }
    const counts = countTree(node)
    delete this.parentDir(path).children[basename(path)]
    this.entries -= counts.entries
    this.bytes -= counts.bytes
  }

  private mkdirParents(path: string): void {
    const segs = resolvePath('/', path).split('/').filter(Boolean)
    const missing = segs.filter((_, i) => !this.lookup('/' + segs.slice(0, i + 1).join('/'))).length
    if (this.entries + missing > MAX_ENTRIES) throw new VfsError('ENOSPC', path)
    let node = this.root
    for (const seg of segs) {
      if (node.type !== 'dir') throw new VfsError('ENOTDIR', path)
      if (!node.children[seg]) {
        node.children[seg] = { type: 'dir', mtime: this.now(), children: {} }
        this.entries++
      }
      node = node.children[seg]
    }
    if (node.type !== 'dir') throw new VfsError('EEXIST', path)
  }

  private reserveEntry(path: string): void {
    if (this.entries + 1 > MAX_ENTRIES) throw new VfsError('ENOSPC', path)
    this.entries++
  }

  private lookup(path: string): VfsNode | null {
    let node: VfsNode = this.root
    for (const seg of resolvePath('/', path).split('/').filter(Boolean)) {
      if (node.type !== 'dir') return null
      const next: VfsNode | undefined = node.children[seg]
      if (!next) return null
      node = next
    }
    return node
  }

  private parentDir(path: string): Extract<VfsNode, { type: 'dir' }> {
    const abs = resolvePath('/', path)
    const parent = this.lookup(abs.slice(0, abs.lastIndexOf('/')) || '/')
    if (!parent) throw new VfsError(this.parentIsFile(path) ? 'ENOTDIR' : 'ENOENT', path)
    if (parent.type !== 'dir') throw new VfsError('ENOTDIR', path)
    return parent
  }

  /** Some ancestor of `path` is a regular file (ENOTDIR rather than ENOENT). */
  private parentIsFile(path: string): boolean {
    const segs = resolvePath('/', path).split('/').filter(Boolean)
    for (let i = 1; i < segs.length; i++) {
      if (this.lookup('/' + segs.slice(0, i).join('/'))?.type === 'file') return true
    }
    return false
  }

  private recount(): void {
    const c = countTree(this.root)
    this.entries = c.entries
    this.bytes = c.bytes
  }
}

function countTree(node: VfsNode): { entries: number; bytes: number } {
  if (node.type === 'file') return { entries: 1, bytes: byteLength(node.content) }
  let entries = 1, bytes = 0
  for (const child of Object.values(node.children)) {
    const c = countTree(child)
    entries += c.entries
    bytes += c.bytes
  }
  return { entries, bytes }
}
