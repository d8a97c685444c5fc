// cp: copy files (and directories with -r); into a directory when the last operand is one.
import type { CommandContext, CommandSpec } from '../registry'
import { VfsError } from '../vfs-error'
import { abs, eachTransferTarget, withArgs } from './io-helpers'
import { fail } from './mkdir-rm'

export const cp: CommandSpec = {
  name: 'cp',
  run: (ctx) => withArgs(ctx, 'cp', { flags: 'rRfav', long: { recursive: 'r' } }, 1, (a) => {
    const recursive = a.flags.has('r') || a.flags.has('R') || a.flags.has('a')
    return eachTransferTarget(ctx, 'cp', a.operands, (src, to) => copyOne(ctx, src, to, recursive))
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
