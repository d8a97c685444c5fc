// sort (-n -r -u -k N -t C) and uniq (-c -d -u): C-locale ordering, GNU's `%7d ` count column.
import type { CommandSpec } from '../registry'
import { joinLines, readInputs, splitLines, withArgs } from './io-helpers'

export const sort: CommandSpec = {
  name: 'sort',
  run: (ctx) => withArgs(ctx, 'sort', { flags: 'nruf', values: 'kt', long: { 'numeric-sort': 'n', reverse: 'r', unique: 'u' } }, 2, (a) => {
    const { files, failed } = readInputs(ctx, 'sort', a.operands)
    if (failed) return 2
    const key = (line: string) => sortKey(line, a.values.k, a.values.t)
    const fold = (s: string) => (a.flags.has('f') ? s.toUpperCase() : s)
    const cmp = a.flags.has('n')
      ? (x: string, y: string) => leadingNumber(key(x)) - leadingNumber(key(y)) || compare(x, y)
      : (x: string, y: string) => compare(fold(key(x)), fold(key(y))) || compare(x, y)
    let lines = files.flatMap((f) => splitLines(f.text)).sort(cmp)
    if (a.flags.has('r')) lines.reverse()
    if (a.flags.has('u')) lines = lines.filter((l, i) => i === 0 || cmp(lines[i - 1], l) !== 0)
    ctx.stdout.write(joinLines(lines))
    return 0
  }),
}

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0)

function leadingNumber(s: string): number {
  const m = /^\s*[-+]?(\d+\.?\d*|\.\d+)/.exec(s)
  return m ? Number(m[0]) : 0
}

function sortKey(line: string, k: string | undefined, t: string | undefined): string {
  if (!k) return line
  const n = parseInt(k, 10)
  const fields = t ? line.split(t) : line.trim().split(/\s+/)
  return fields.slice(n - 1).join(t ?? ' ')
}

export const uniq: CommandSpec = {
  name: 'uniq',
  run: (ctx) => withArgs(ctx, 'uniq', { flags: 'cdui', long: { count: 'c' } }, 1, (a) => {
    const { files, failed } = readInputs(ctx, 'uniq', a.operands.slice(0, 1))
    if (failed) return 1
    const same = (x: string, y: string) => (a.flags.has('i') ? x.toLowerCase() === y.toLowerCase() : x === y)
    const groups: { line: string; n: number }[] = []
    for (const line of splitLines(files[0]?.text ?? '')) {
      const last = groups[groups.length - 1]
      if (last && same(last.line, line)) last.n++
      else groups.push({ line, n: 1 })
    }
    const kept = groups.filter((g) => (a.flags.has('d') ? g.n > 1 : a.flags.has('u') ? g.n === 1 : true))
    ctx.stdout.write(kept.map((g) => (a.flags.has('c') ? `${String(g.n).padStart(7)} ${g.line}\n` : g.line + '\n')).join(''))
    return 0
  }),
}
