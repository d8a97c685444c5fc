// history: bash's builtin over the session's one History (the line editor's); `history N`, `history -c`.
import type { CommandSpec } from '../registry'

const USAGE = 'history: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n'

export const history: CommandSpec = {
  name: 'history',
  run(ctx) {
    const args = ctx.argv.slice(1)
    const h = ctx.shell.history
    if (args[0] === '-c') { h.clear(); return 0 }
    if (args[0]?.startsWith('-') && args[0] !== '-' && !/^-\d/.test(args[0])) {
      ctx.stderr.write(`bash: history: ${args[0]}: invalid option\n${USAGE}`)
      return 2
    }
    if (args.length > 1) { ctx.stderr.write('bash: history: too many arguments\n'); return 1 }
    let entries = h.numbered()
    if (args.length === 1) {
      if (!/^-?\d+$/.test(args[0])) { ctx.stderr.write(`bash: history: ${args[0]}: numeric argument required\n`); return 1 }
      const n = Number(args[0])
      if (n < 0) { ctx.stderr.write(`bash: history: ${args[0]}: invalid number\n`); return 1 }
      entries = n === 0 ? [] : entries.slice(-n)
    }
    // bash: the number right-aligned in five columns, two spaces, the command.
    for (const e of entries) ctx.stdout.write(`${String(e.n).padStart(5)}  ${e.line}\n`)
    return 0
  },
}
