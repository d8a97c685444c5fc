// seq: print a sequence of numbers (LAST, FIRST LAST, FIRST INCR LAST; -s SEP, -w equal width).
import type { CommandContext, CommandSpec } from '../registry'

/** Numbers one seq may print; past it the output cap would stop the run anyway. */
export const MAX_SEQ_COUNT = 100_000

const usage = (ctx: CommandContext, msg: string) => {
  ctx.stderr.write(`seq: ${msg}\nTry 'seq --help' for more information.\n`)
  return 1
}

/** Options first; a negative number is an operand, as GNU seq reads it. */
function parse(argv: string[]): { nums: string[]; sep: string; width: boolean } {
  const out = { nums: [] as string[], sep: '\n', width: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '-w') out.width = true
    else if (a === '-s') out.sep = argv[++i] ?? '\n'
    else if (a.startsWith('-s')) out.sep = a.slice(2)
    else out.nums.push(a)
  }
  return out
}

export const seq: CommandSpec = {
  name: 'seq',
  run(ctx) {
    const { nums, sep, width } = parse(ctx.argv.slice(1))
    if (nums.length < 1) return usage(ctx, 'missing operand')
    if (nums.length > 3) return usage(ctx, `extra operand '${nums[3]}'`)
    const bad = nums.find((n) => n.trim() === '' || Number.isNaN(Number(n)))
    if (bad !== undefined) return usage(ctx, `invalid floating point argument: '${bad}'`)
    const v = nums.map(Number)
    const [first, incr, last] = v.length === 1 ? [1, 1, v[0]] : v.length === 2 ? [v[0], 1, v[1]] : v
    if (incr === 0) return usage(ctx, `invalid Zero increment value: '${nums[1]}'`)
    const decimals = Math.max(...nums.map((n) => (n.split('.')[1] ?? '').length))
    const out: string[] = []
    for (let k = 0; k < MAX_SEQ_COUNT; k++) {
      const x = first + k * incr
      if (incr > 0 ? x > last : x < last) break
      out.push(x.toFixed(decimals))
    }
    const w = width ? Math.max(...out.map((s) => s.length)) : 0
    ctx.stdout.write(out.length ? out.map((s) => s.padStart(w, '0')).join(sep) + '\n' : '')
    return 0
  },
}
