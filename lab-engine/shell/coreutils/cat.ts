// cat: concatenate files (or stdin) to stdout; -n numbers lines as GNU does (`%6d\t`).
import type { CommandSpec } from '../registry'
import { readInputs, withArgs } from './io-helpers'

export const cat: CommandSpec = {
  name: 'cat',
  run: (ctx) => withArgs(ctx, 'cat', { flags: 'n', long: { number: 'n' } }, 1, (a) => {
    const { files, failed } = readInputs(ctx, 'cat', a.operands)
    let line = 0
    for (const f of files) {
      if (!a.flags.has('n')) { ctx.stdout.write(f.text); continue }
      ctx.stdout.write(f.text.replace(/^(?=[\s\S])/gm, () => `${String(++line).padStart(6)}\t`))
    }
    return failed ? 1 : 0
  }),
}
