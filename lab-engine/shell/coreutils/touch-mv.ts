// touch (create empty files, refresh mtimes) and mv (rename or move into a directory), with GNU's messages.
import type { CommandContext, CommandSpec } from '../registry'
import { VfsError } from '../vfs-error'
import { abs, eachTransferTarget, withArgs } from './io-helpers'
import { fail } from './mkdir-rm'

const tryHelp = (tool: string) => `Try '${tool} --help' for more information.\n`

export const touch: CommandSpec = {
  name: 'touch',
  run: (ctx) => withArgs(ctx, 'touch', { flags: 'acm', long: { 'no-create': 'c' } }, 1, (a) => {
    if (!a.operands.length) { ctx.stderr.write('touch: missing file operand\n' + tryHelp('touch')); return 1 }
    let status = 0
    for (const name of a.operands) {
      const path = abs(ctx, name)
      try {
        if (ctx.vfs.isDir(path)) continue
        const exists = ctx.vfs.isFile(path)
        if (!exists && a.flags.has('c')) continue
        // Rewriting the same content is how the VFS moves a file's mtime to now.
        ctx.vfs.writeFile(path, exists ? ctx.vfs.readFile(path) : '')
      } catch (err) {
        status = fail(ctx, `touch: cannot touch '${name}'`, err)
      }
    }
    return status
  }),
}

export const mv: CommandSpec = {
  name: 'mv',
  run: (ctx) => withArgs(ctx, 'mv', { flags: 'finv', long: { force: 'f' } }, 1, (a) => {
    return eachTransferTarget(ctx, 'mv', a.operands, (src, to, dest) => moveOne(ctx, src, to, dest))
  }),
}

function moveOne(ctx: CommandContext, src: string, to: string, dest: string): number {
  const from = abs(ctx, src)
  const st = ctx.vfs.stat(from)
  if (!st) return fail(ctx, `mv: cannot stat '${src}'`, new VfsError('ENOENT', from))
  if (from === to) { ctx.stderr.write(`mv: '${src}' and '${dest}' are the same file\n`); return 1 }
  if (st.type === 'dir' && to.startsWith(from + '/')) {
    ctx.stderr.write(`mv: cannot move '${src}' to a subdirectory of itself, '${to}'\n`)
    return 1
  }
  const target = ctx.vfs.stat(to)
  if (target?.type === 'dir' && st.type === 'file') { ctx.stderr.write(`mv: cannot overwrite directory '${to}' with non-directory\n`); return 1 }
  if (target?.type === 'file' && st.type === 'dir') { ctx.stderr.write(`mv: cannot overwrite non-directory '${to}' with directory '${src}'\n`); return 1 }
  try {
    copyTree(ctx, from, to)
    ctx.vfs.remove(from, { recursive: true })
    return 0
  } catch (err) {
    return fail(ctx, `mv: cannot move '${src}' to '${dest}'`, err)
  }
}

function copyTree(ctx: CommandContext, from: string, to: string): void {
  if (ctx.vfs.isFile(from)) return ctx.vfs.writeFile(to, ctx.vfs.readFile(from))
  if (!ctx.vfs.isDir(to)) ctx.vfs.mkdir(to)
  for (const name of ctx.vfs.readdir(from)) copyTree(ctx, `${from}/${name}`, `${to}/${name}`)
}
