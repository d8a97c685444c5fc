// cut: select fields (-d -f, -s) or characters (-c) from each line, with GNU's list syntax (1,3,5-7,-2,4-).
import type { CommandSpec } from '../registry'
import { readInputs, splitLines, withArgs } from './io-helpers'

type Range = [number, number]

export const cut: CommandSpec = {
  name: 'cut',
  run: (ctx) => withArgs(ctx, 'cut', { flags: 's', values: 'dfcb', long: { delimiter: 'd', fields: 'f' } }, 1, (a) => {
    const list = a.values.f ?? a.values.c ?? a.values.b
    if (list === undefined) { ctx.stderr.write("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n"); return 1 }
    const delim = a.values.d ?? '\t'
    if (delim.length !== 1) { ctx.stderr.write("cut: the delimiter must be a single character\nTry 'cut --help' for more information.\n"); return 1 }
    const ranges = parseList(list)
    if (!ranges) { ctx.stderr.write(`cut: invalid field value '${list}'\nTry 'cut --help' for more information.\n`); return 1 }
    const { files, failed } = readInputs(ctx, 'cut', a.operands)
    for (const f of files) {
      for (const line of splitLines(f.text)) {
        const out = a.values.f !== undefined ? fields(line, delim, ranges, a.flags.has('s')) : [...line].filter((_, i) => inRanges(i + 1, ranges)).join('')
        if (out !== null) ctx.stdout.write(out + '\n')
      }
    }
    return failed ? 1 : 0
  }),
}

function fields(line: string, delim: string, ranges: Range[], onlyDelimited: boolean): string | null {
  if (!line.includes(delim)) return onlyDelimited ? null : line
  return line.split(delim).filter((_, i) => inRanges(i + 1, ranges)).join(delim)
}

const inRanges = (n: number, ranges: Range[]) => ranges.some(([lo, hi]) => n >= lo && n <= hi)

function parseList(list: string): Range[] | null {
  const out: Range[] = []
  for (const item of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(item)
    if (!m || (m[1] === '' && m[3] === '') || m[1] === '0') return null
    const lo = m[1] ? Number(m[1]) : 1
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo
    out.push([lo, hi])
  }
  return out
}
