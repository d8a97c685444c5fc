// awk output files: `print > "f"` truncates f on its first use in the run and appends after (awk keeps it open);
// `>>` appends; /dev/stdout and /dev/stderr are the command's streams. Files live in the VFS.
import type { CommandContext } from '../../registry'
import { VfsError } from '../../vfs-error'
import { abs } from '../io-helpers'
import type { AwkFiles } from './interp'
import { AwkRuntimeError } from './record'

export function vfsAwkFiles(ctx: CommandContext): AwkFiles {
  const open = new Set<string>()
  return {
    write(name, text, append) {
      if (name === '/dev/stdout' || name === '-') return ctx.stdout.write(text)
      if (name === '/dev/stderr') return ctx.stderr.write(text)
      const path = abs(ctx, name)
      try {
        ctx.vfs.writeFile(path, text, { append: append || open.has(path) })
      } catch (err) {
        if (!(err instanceof VfsError)) throw err
        throw new AwkRuntimeError(`awk: can't redirect to ${name}`)
      }
      open.add(path)
    },
    close(name) {
      return open.delete(abs(ctx, name)) ? 0 : -1
    },
  }
}
