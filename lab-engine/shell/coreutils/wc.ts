// wc: newline, word and byte counts (-l -w -c -m), padded the way GNU wc pads them.
import type { CommandSpec } from '../registry'
import { readInputs, withArgs } from './io-helpers'

const encoder = new TextEncoder()

export const wc: CommandSpec = {
  name: 'wc',
  run: (ctx) => withArgs(ctx, 'wc', { flags: 'lwcm', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm' } }, 1, (a) => {
    const pick = ['l', 'w', 'm', 'c'].filter((f) => a.flags.has(f))
    const which = pick.length ? pick : ['l', 'w', 'c']
    const { files, failed } = readInputs(ctx, 'wc', a.operands)
    const rows = files.map((f) => ({ name: f.name === '-' && !a.operands.length ? '' : f.name, counts: which.map((k) => count(k, f.text)) }))
    if (rows.length > 1) rows.push({ name: 'total', counts: which.map((_, i) => rows.reduce((s, r) => s + r.counts[i], 0)) })
    const width = widthFor(rows.map((r) => r.counts).flat(), which.length, files.some((f) => f.name === '-'), rows.length)
    for (const r of rows) ctx.stdout.write(r.counts.map((n) => String(n).padStart(width)).join(' ') + (r.name ? ` ${r.name}` : '') + '\n')
    return failed ? 1 : 0
  }),
}

function count(kind: string, text: string): number {
  if (kind === 'l') return (text.match(/\n/g) ?? []).length
  if (kind === 'w') return text.split(/\s+/).filter(Boolean).length
  if (kind === 'm') return [...text].length
  return encoder.encode(text).length
}

/** GNU: one count of one input is unpadded; stdin gets width 7; otherwise the widest number. */
function widthFor(all: number[], columns: number, stdin: boolean, rows: number): number {
  if (columns === 1 && rows === 1) return 1
  if (stdin) return 7
  return Math.max(1, ...all.map((n) => String(n).length))
}
