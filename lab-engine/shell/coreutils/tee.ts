// tee: copy stdin to stdout and to files (-a appends).
import type { CommandSpec } from '../registry'
import { describeError } from '../vfs-error'
import { abs, withArgs } from './io-helpers'

export const tee: CommandSpec = {
  name: 'tee',
  run: (ctx) => withArgs(ctx, 'tee', { flags: 'ai', long: { append: 'a' } }, 1, (a) => {
    const text = ctx.stdin
    let status = 0
    for (const f of a.operands) {
      try {
        ctx.vfs.writeFile(abs(ctx, f), text, { append: a.flags.has('a') })
      } catch (err) {
        ctx.stderr.write(describeError('tee', f, err) + '\n')
        status = 1
      }
    }
    ctx.stdout.write(text)
    return status
  }),
}
