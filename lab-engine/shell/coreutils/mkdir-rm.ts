// mkdir (-p) and rm (-r -f): create and remove entries, one operand at a time as GNU does.
import type { CommandContext, CommandSpec } from '../registry'
import { VfsError } from '../vfs-error'
import { abs, withArgs } from './io-helpers'

const tryHelp = (tool: string) => `Try '${tool} --help' for more information.\n`

export const mkdir: CommandSpec = {
  name: 'mkdir',
  run: (ctx) => withArgs(ctx, 'mkdir', { flags: 'pv', long: { parents: 'p' } }, 1, (a) => {
    if (!a.operands.length) { ctx.stderr.write('mkdir: missing operand\n' + tryHelp('mkdir')); return 1 }
    let status = 0
    for (const dir of a.operands) {
      try {
        ctx.vfs.mkdir(abs(ctx, dir), { parents: a.flags.has('p') })
      } catch (err) {
        status = fail(ctx, `mkdir: cannot create directory '${dir}'`, err)
      }
    }
    return status
  }),
}

export const rm: CommandSpec = {
  name: 'rm',
  run: (ctx) => withArgs(ctx, 'rm', { flags: 'rRfiv', long: { recursive: 'r', force: 'f' } }, 1, (a) => {
    const force = a.flags.has('f')
    const recursive = a.flags.has('r') || a.flags.has('R')
    if (!a.operands.length && !force) { ctx.stderr.write('rm: missing operand\n' + tryHelp('rm')); return 1 }
    let status = 0
    for (const target of a.operands) status = Math.max(status, removeOne(ctx, target, force, recursive))
    return status
  }),
}

function removeOne(ctx: CommandContext, target: string, force: boolean, recursive: boolean): number {
  const path = abs(ctx, target)
  const st = ctx.vfs.stat(path)
  if (!st) return force ? 0 : fail(ctx, `rm: cannot remove '${target}'`, new VfsError('ENOENT', path))
  if (/(^|\/)\.\.?\/*$/.test(target)) {
    ctx.stderr.write(`rm: refusing to remove '.' or '..' directory: skipping '${target}'\n`)
    return 1
  }
  if (path === '/') { ctx.stderr.write("rm: it is dangerous to operate recursively on '/'\n"); return 1 }
  if (st.type === 'dir' && !recursive) return fail(ctx, `rm: cannot remove '${target}'`, new VfsError('EISDIR', path))
  ctx.vfs.remove(path, { recursive })
  return 0
}

/** Prints `prefix: reason` for a VFS error and gives exit status 1. */
export function fail(ctx: CommandContext, prefix: string, err: unknown): number {
  if (!(err instanceof VfsError)) throw err
  ctx.stderr.write(`${prefix}: ${err.message}\n`)
  return 1
}
