// head and tail: the first or last N lines (-n N, -N; tail -n +N starts at line N); headers for several files.
import type { CommandContext, CommandSpec } from '../registry'
import type { ParsedArgs } from './args'
import { readInputs, withArgs } from './io-helpers'

const SPEC = { flags: 'qvf', values: 'nc', long: { lines: 'n', bytes: 'c' } }

/** `-5` is the historical spelling of `-n 5`. */
function normalise(argv: string[]): string[] {
  return argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a))
}

function makeCommand(name: 'head' | 'tail'): CommandSpec {
  return {
    name,
    run: (ctx) => withArgs({ ...ctx, argv: normalise(ctx.argv) }, name, SPEC, 1, (a) => body(ctx, name, a)),
  }
}

function body(ctx: CommandContext, name: 'head' | 'tail', a: ParsedArgs): number {
  const raw = a.values.n ?? '10'
  if (!/^[-+]?\d+$/.test(raw)) {
    ctx.stderr.write(`${name}: invalid number of lines: '${raw}'\n`)
    return 1
  }
  const { files, failed } = readInputs(ctx, name, a.operands)
  files.forEach((f, i) => {
    if (files.length > 1) ctx.stdout.write(`${i ? '\n' : ''}==> ${f.name === '-' ? 'standard input' : f.name} <==\n`)
    ctx.stdout.write(name === 'head' ? headOf(f.text, raw) : tailOf(f.text, raw))
  })
  return failed ? 1 : 0
}

function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? []
}

function headOf(text: string, raw: string): string {
  const n = Number(raw)
  const all = lines(text)
  return (n < 0 ? all.slice(0, Math.max(0, all.length + n)) : all.slice(0, n)).join('')
}

function tailOf(text: string, raw: string): string {
  const all = lines(text)
  if (raw.startsWith('+')) return all.slice(Math.max(0, Number(raw) - 1)).join('')
  const n = Math.abs(Number(raw))
  return n === 0 ? '' : all.slice(-n).join('')
}

export const head = makeCommand('head')
export const tail = makeCommand('tail')
