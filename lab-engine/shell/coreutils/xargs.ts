// xargs: build command lines from stdin and run them through the registry (never a host process); -n -I -0 -r -t.
import { Input } from '../io'
import type { CommandContext, CommandSpec } from '../registry'
import type { ParsedArgs } from './args'
import { withArgs } from './io-helpers'
import { SHELL_BUILTINS } from './which'

/** Commands one xargs may run; `seq 100000 | xargs -n1 echo` stops here. */
export const MAX_XARGS_RUNS = 1000

const SPEC = { flags: '0rt', values: 'nIL', long: { null: '0', 'no-run-if-empty': 'r', verbose: 't', 'max-args': 'n', replace: 'I' } }

export const xargs: CommandSpec = {
  name: 'xargs',
  run: (ctx) => {
    // Options end at the command: `xargs -I{} kubectl get -o name {}` keeps `-o` for kubectl.
    const split = commandStart(ctx.argv)
    const own = { ...ctx, argv: ctx.argv.slice(0, split) }
    return withArgs(own, 'xargs', SPEC, 1, (a) => runXargs(ctx, a, ctx.argv.slice(split)))
  },
}

/** Index in argv of the command xargs runs: the first word that is not an xargs option or its value. */
function commandStart(argv: string[]): number {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') return i + 1
    if (!a.startsWith('-') || a === '-') return i
    if (a.startsWith('--')) { if (!a.includes('=') && ['--max-args', '--replace'].includes(a)) i++; continue }
    const valueAt = [...a.slice(1)].findIndex((c) => SPEC.values.includes(c))
    if (valueAt >= 0 && valueAt === a.length - 2) i++
  }
  return argv.length
}

async function runXargs(ctx: CommandContext, a: ParsedArgs, operands: string[]): Promise<number> {
  const command = operands.length ? operands : ['echo']
  const replace = a.values.I
  const perRun = a.values.n ?? a.values.L
  if (perRun !== undefined && !(/^\d+$/.test(perRun) && Number(perRun) > 0)) {
    ctx.stderr.write(`xargs: invalid number "${perRun}" for -${a.values.n !== undefined ? 'n' : 'L'} option\nTry 'xargs --help' for more information.\n`)
    return 1
  }
  const items = replace !== undefined ? lines(ctx.stdin, a.flags.has('0')) : a.flags.has('0') ? nulItems(ctx.stdin) : words(ctx.stdin)
  if (typeof items === 'string') { ctx.stderr.write(items); return 1 }
  const runs = planRuns(command, items, replace, perRun === undefined ? undefined : Number(perRun))
  if (!runs.length && !a.flags.has('r') && replace === undefined) runs.push(command)
  if (runs.length > MAX_XARGS_RUNS) {
    ctx.stderr.write(`xargs: refusing to run more than ${MAX_XARGS_RUNS} commands\n`)
    return 1
  }
  let status = 0
  for (const argv of runs) {
    // Ctrl-C between commands: the shell turns a throw under an aborted signal into status 130.
    if (ctx.signal.aborted) throw new Error('interrupted')
    if (a.flags.has('t')) ctx.stderr.write(argv.join(' ') + '\n')
    const code = await runOne(ctx, argv)
    if (code === 127 || code === 126) return code
    if (code === 255) { ctx.stderr.write(`xargs: ${argv[0]}: exited with status 255; aborting\n`); return 124 }
    if (code !== 0) status = 123
  }
  return status
}

function planRuns(command: string[], items: string[], replace: string | undefined, perRun: number | undefined): string[][] {
  if (replace !== undefined) return items.map((item) => command.map((w) => w.split(replace).join(item)))
  if (!items.length) return []
  const size = perRun ?? items.length
  const runs: string[][] = []
  for (let i = 0; i < items.length; i += size) runs.push([...command, ...items.slice(i, i + size)])
  return runs
}

async function runOne(ctx: CommandContext, argv: string[]): Promise<number> {
  const spec = ctx.registry.get(argv[0])
  if (!spec || SHELL_BUILTINS.has(argv[0])) {
    ctx.stderr.write(`xargs: ${argv[0]}: No such file or directory\n`)
    return 127
  }
  // GNU xargs gives the command /dev/null as its standard input.
  const child: CommandContext = { ...ctx, argv, stdin: '', input: new Input('') }
  return spec.run(child)
}

/** Default splitting: blanks and newlines separate; quotes and backslashes group, as GNU xargs does. */
function words(text: string): string[] | string {
  const out: string[] = []
  let cur = '', has = false, quote: string | null = null
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = null
      else if (c === '\n') return `xargs: unmatched ${quote === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option\n`
      else cur += c
      continue
    }
    if (c === "'" || c === '"') { quote = c; has = true; continue }
    if (c === '\\' && i + 1 < text.length) { cur += text[++i]; has = true; continue }
    if (/\s/.test(c)) { if (has) out.push(cur); cur = ''; has = false; continue }
    cur += c
    has = true
  }
  if (quote) return `xargs: unmatched ${quote === "'" ? 'single' : 'double'} quote; by default quotes are special to xargs unless you use the -0 option\n`
  if (has) out.push(cur)
  return out
}

function nulItems(text: string): string[] {
  const parts = text.split('\0')
  if (parts[parts.length - 1] === '') parts.pop()
  return parts
}

/** -I: one input line per command, leading blanks dropped (GNU). */
function lines(text: string, nul: boolean): string[] {
  return (nul ? nulItems(text) : text.split('\n')).map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '')
}
