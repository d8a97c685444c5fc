// sed: stream editor over stdin or VFS files; -n -e -i -E/-r -s; scripts parsed in ./parse, run in ./exec.
import type { CommandContext, CommandSpec } from '../../registry'
import { VfsError } from '../../vfs-error'
import { abs, splitLines } from '../io-helpers'
import { SedMachine } from './exec'
import { parseSedScript, SedScriptError, type SedInstruction } from './parse'

const USAGE = 'Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n'
const LONG: Record<string, string> = { quiet: 'n', silent: 'n', 'regexp-extended': 'E', separate: 's', 'in-place': 'i', expression: 'e' }

interface SedOptions { quiet: boolean; inPlace: boolean; extended: boolean; separate: boolean; scripts: string[]; files: string[] }

export const sed: CommandSpec = {
  name: 'sed',
  run: (ctx) => {
    const opts = parseOptions(ctx.argv.slice(1))
    if (typeof opts === 'string') { ctx.stderr.write(opts); return 1 }
    if (!opts.scripts.length) {
      if (!opts.files.length) { ctx.stderr.write(USAGE); return 1 }
      opts.scripts.push(opts.files.shift()!)
    }
    let program: SedInstruction[]
    try {
      program = opts.scripts.flatMap((s, k) => parseSedScript(s, k + 1, opts.extended ? 'ERE' : 'BRE'))
    } catch (err) {
      if (!(err instanceof SedScriptError)) throw err
      ctx.stderr.write(err.message + '\n')
      return 1
    }
    if (opts.inPlace && !opts.files.length) { ctx.stderr.write('sed: no input files\n'); return 1 }
    return opts.inPlace || opts.separate ? runSeparately(ctx, program, opts) : runJoined(ctx, program, opts)
  },
}

/** Without -i/-s, GNU sed reads all files as one stream: line numbers continue and `$` is the last file's last line. */
function runJoined(ctx: CommandContext, program: SedInstruction[], opts: SedOptions): number {
  const machine = new SedMachine(program, opts.quiet)
  const names = opts.files.length ? opts.files : ['-']
  const texts: string[] = []
  let status = 0
  for (const name of names) {
    const text = read(ctx, name)
    if (text === null) status = 2
    else texts.push(text)
  }
  const lines = texts.flatMap((t) => splitLines(t))
  const lastText = texts[texts.length - 1] ?? ''
  const result = machine.run(lines, true, lastText === '' || lastText.endsWith('\n'))
  ctx.stdout.write(result.output)
  if (result.error) { ctx.stderr.write(result.error + '\n'); return 4 }
  return result.quit ?? status
}

/** -i (and -s): each file on its own; -i writes the output back to the file. */
function runSeparately(ctx: CommandContext, program: SedInstruction[], opts: SedOptions): number {
  let status = 0
  for (const name of opts.files.length ? opts.files : ['-']) {
    const text = read(ctx, name)
    if (text === null) { status = 2; continue }
    const machine = new SedMachine(program, opts.quiet)
    const result = machine.run(splitLines(text), true, text === '' || text.endsWith('\n'))
    if (result.error) { ctx.stderr.write(result.error + '\n'); return 4 }
    if (opts.inPlace && name !== '-') ctx.vfs.writeFile(abs(ctx, name), result.output)
    else ctx.stdout.write(result.output)
    if (result.quit !== null) return result.quit
  }
  return status
}

function read(ctx: CommandContext, name: string): string | null {
  if (name === '-') return ctx.stdin
  try {
    return ctx.vfs.readFile(abs(ctx, name))
  } catch (err) {
    if (!(err instanceof VfsError)) throw err
    const reason = err.code === 'EISDIR' ? `couldn't edit ${name}: not a regular file` : `can't read ${name}: ${err.message}`
    ctx.stderr.write(`sed: ${reason}\n`)
    return null
  }
}

/** GNU sed's options; `-e` repeats, `-i` takes an optional attached suffix (ignored: no backup is kept). */
function parseOptions(args: string[]): SedOptions | string {
  const o: SedOptions = { quiet: false, inPlace: false, extended: false, separate: false, scripts: [], files: [] }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (a === '--') { o.files.push(...args.slice(i + 1)); break }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split(/=(.*)/s)
      const short = LONG[name]
      if (!short) return `sed: unrecognized option '${a}'\n${USAGE}`
      if (short === 'e') {
        const v = value ?? args[++i]
        if (v === undefined) return `sed: option '--expression' requires an argument\n${USAGE}`
        o.scripts.push(v)
      } else setFlag(o, short)
      continue
    }
    if (!a.startsWith('-') || a === '-') { o.files.push(a); continue }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]
      if (c === 'e') {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i]
        if (v === undefined) return `sed: option requires an argument -- 'e'\n${USAGE}`
        o.scripts.push(v)
        break
      }
      if (c === 'i') { o.inPlace = true; break }
      if (!'nErs'.includes(c)) return `sed: invalid option -- '${c}'\n${USAGE}`
      setFlag(o, c)
    }
  }
  return o
}

function setFlag(o: SedOptions, c: string): void {
  if (c === 'n') o.quiet = true
  else if (c === 'E' || c === 'r') o.extended = true
  else if (c === 's') o.separate = true
  else if (c === 'i') o.inPlace = true
}
