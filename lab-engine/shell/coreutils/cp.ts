// cp: copy files (and directories with -r); into a directory when the last operand is one.
import type { CommandContext, CommandSpec } from '../registry'
import { basename, resolvePath } from '../vfs'
import { VfsError } from '../vfs-error'
import { abs, withArgs } from './io-helpers'
import { fail } from './mkdir-rm'

export const cp: CommandSpec = {
  name: 'cp',
  run: (ctx) => withArgs(ctx, 'cp', { flags: 'rRfav', long: { recursive: 'r' } }, 1, (a) => {
    const ops = a.operands
    if (ops.length < 2) {
      ctx.stderr.write(ops.length ? `cp: missing destination file operand after '${ops[0]}'\n` : 'cp: missing file operand\n')
      ctx.stderr.write("Try 'cp --help' for more information.\n")
      return 1
    }
    const dest = ops[ops.length - 1]
    const sources = ops.slice(0, -1)
    const intoDir = ctx.vfs.isDir(abs(ctx, dest))
    if (sources.length > 1 && !intoDir) { ctx.stderr.write(`cp: target '${dest}': Not a directory\n`); return 1 }
    const recursive = a.flags.has('r') || a.flags.has('R') || a.flags.has('a')
    let status = 0
    for (const src of sources) {
      const to = intoDir ? resolvePath(abs(ctx, dest), basename(src)) : abs(ctx, dest)
      status = Math.max(status, copyOne(ctx, src, to, recursive))
    }
    return status
  }),
}

function copyOne(ctx: CommandContext, src: string, to: string, recursive: boolean): number {
  const from = abs(ctx, src)
  const st = ctx.vfs.stat(from)
  if (!st) return fail(ctx, `cp: cannot stat '${src}'`, new VfsError('ENOENT', from))
  if (st.type === 'dir' && !recursive) { ctx.stderr.write(`cp: -r not specified; omitting directory '${src}'\n`); return 1 }
  if (st.type === 'dir' && (to === from || from === '/' || to.startsWith(from + '/'))) {
    ctx.stderr.write(`cp: cannot copy a directory, '${src}', into itself, '${to}'\n`)
    return 1
  }
  try {
    copyTree(ctx, from, to)
    return 0
  } catch (err) {
    return fail(ctx, `cp: cannot create regular file '${to}'`, err)
  }
}

function copyTree(ctx: CommandContext, from: string, to: string): void {
  if (ctx.vfs.isFile(from)) return ctx.vfs.writeFile(to, ctx.vfs.readFile(from))
  if (!ctx.vfs.isDir(to)) ctx.vfs.mkdir(to)
  for (const name of ctx.vfs.readdir(from)) copyTree(ctx, `${from}/${name}`, `${to}/${name}`)
}
