// Redirects: `>`, `>>`, `<`, `2>`, `2>&1`, `&>`, heredocs and here-strings, applied to a statement's streams.
import type { Redirect, Word } from './ast'
import { Input, type Writer } from './io'
import type { Vfs } from './vfs'
import { resolvePath } from './vfs'
import { VfsError } from './vfs-error'

export interface Streams {
  stdin: Input
  stdout: Writer
  stderr: Writer
}

/** A redirect that could not be set up: the statement fails with this one line, exit 1. */
export class RedirectError extends Error {}

export interface RedirectEnv {
  vfs: Vfs
  cwd: string
  expand(word: Word): Promise<string>
}

export async function applyRedirects(list: Redirect[], io: Streams, env: RedirectEnv): Promise<Streams> {
  let out = { ...io }
  for (const r of list) out = await applyOne(r, out, env)
  return out
}

async function applyOne(r: Redirect, io: Streams, env: RedirectEnv): Promise<Streams> {
  switch (r.op) {
    case '<<': case '<<-': return { ...io, stdin: new Input(await env.expand(r.heredoc!.body)) }
    case '<<<': return { ...io, stdin: new Input((await env.expand(r.target)) + '\n') }
    case '<': return { ...io, stdin: new Input(readTarget(env, await env.expand(r.target))) }
    case '>&': return duplicate(r, io, env)
    case '&>': case '&>>': {
      const w = openFile(env, await env.expand(r.target), r.op === '&>>')
      return { ...io, stdout: w, stderr: w }
    }
    default: return toFd(r.fd ?? 1, openFile(env, await env.expand(r.target), r.op === '>>'), io)
  }
}

/** `2>&1`, `>&2`; `>&file` is bash's synonym for `&>file`. */
async function duplicate(r: Redirect, io: Streams, env: RedirectEnv): Promise<Streams> {
  const target = await env.expand(r.target)
  if (target === '1' || target === '2') return toFd(r.fd ?? 1, target === '1' ? io.stdout : io.stderr, io)
  if (/^\d+$/.test(target)) throw new RedirectError(`bash: ${target}: Bad file descriptor`)
  const w = openFile(env, target, false)
  return { ...io, stdout: w, stderr: w }
}

function toFd(fd: number, w: Writer, io: Streams): Streams {
  if (fd === 1) return { ...io, stdout: w }
  if (fd === 2) return { ...io, stderr: w }
  throw new RedirectError(`bash: ${fd}: Bad file descriptor`)
}

/** The one device file the sandbox has. */
const DEV_NULL = '/dev/null'

function readTarget(env: RedirectEnv, name: string): string {
  if (resolvePath(env.cwd, name) === DEV_NULL) return ''
  try {
    return env.vfs.readFile(resolvePath(env.cwd, name))
  } catch (err) {
    throw asRedirectError(name, err)
  }
}

/** Truncates (or creates) at once, as bash does before the command runs; writes go straight to the VFS. */
function openFile(env: RedirectEnv, name: string, append: boolean): Writer {
  const path = resolvePath(env.cwd, name)
  if (path === DEV_NULL) return { write: () => {} }
  try {
    if (name === '') throw new VfsError('ENOENT', name)
    if (!append || !env.vfs.isFile(path)) env.vfs.writeFile(path, '')
  } catch (err) {
    throw asRedirectError(name, err)
  }
  return { write: (chunk) => writeChunk(env.vfs, path, name, chunk) }
}

function writeChunk(vfs: Vfs, path: string, name: string, chunk: string): void {
  try {
    vfs.writeFile(path, chunk, { append: true })
  } catch (err) {
    throw asRedirectError(name, err)
  }
}

function asRedirectError(name: string, err: unknown): Error {
  if (err instanceof VfsError) return new RedirectError(`bash: ${name}: ${err.message}`)
  return err as Error
}
