// echo: bash's builtin echo (-n, -e, -E), printing its arguments separated by spaces.
import type { CommandSpec } from '../registry'
import { interpretEscapes } from './escapes'

export const echo: CommandSpec = {
  name: 'echo',
  run(ctx) {
    const args = ctx.argv.slice(1)
    let newline = true, escapes = false
    while (args.length && /^-[neE]+$/.test(args[0])) {
      const opt = args.shift()!
      if (opt.includes('n')) newline = false
      if (opt.includes('e')) escapes = true
      if (opt.includes('E')) escapes = false
    }
    let text = args.join(' ')
    if (escapes) {
      const r = interpretEscapes(text)
      text = r.text
      if (r.stop) newline = false
    }
    ctx.stdout.write(newline ? text + '\n' : text)
    return 0
  },
}
