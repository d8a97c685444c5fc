// awk: a small POSIX awk (-F, -v, -f; patterns, actions, fields, arrays, built-ins) with one-true-awk's messages.
//
// Assumption: error wording follows the BWK "one true awk" (macOS/BSD awk): `awk: syntax error at
// source line 1`, a context line, `awk: bailing out ...`, exit status 2. `print > file` writes to the
// VFS; output pipes, getline, system() and user-defined functions are not offered, and each is
// reported instead of half-working.
import type { CommandContext, CommandSpec } from '../../registry'
import { VfsError } from '../../vfs-error'
import { interpretEscapes } from '../escapes'
import { abs } from '../io-helpers'
import { vfsAwkFiles } from './files'
import { AwkInterpreter, type AwkInput } from './interp'
import { AwkSyntaxError } from './lexer'
import { parseAwk } from './parser'
import { AwkRuntimeError } from './record'
import { StrNum } from './values'

const USAGE = 'usage: awk [-F fs][-v var=value][-safe][-V] [prog | -f progfile][file ...]\n'
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s

interface AwkArgs { fs?: string; assigns: [string, string][]; programFile?: string; operands: string[] }

export const awk: CommandSpec = {
  name: 'awk',
  run(ctx) {
    const args = parseArgs(ctx.argv.slice(1))
    if (typeof args === 'string') { ctx.stderr.write(args); return 2 }
    const source = programSource(ctx, args)
    if (source === null) return 2
    let program
    try {
      program = parseAwk(source)
    } catch (err) {
      if (!(err instanceof AwkSyntaxError)) throw err
      ctx.stderr.write(syntaxReport(source, err))
      return 2
    }
    const awkRun = new AwkInterpreter(program, (s) => ctx.stdout.write(s), ctx.env, vfsAwkFiles(ctx))
    if (args.fs !== undefined) awkRun.vars.set('FS', args.fs === 't' ? '\t' : unescape(args.fs))
    for (const [name, value] of args.assigns) awkRun.vars.set(name, new StrNum(unescape(value)))
    let failed = false
    try {
      const status = awkRun.run(() => inputs(ctx, awkRun, args.operands, () => { failed = true }))
      return failed ? 2 : status
    } catch (err) {
      if (!(err instanceof AwkRuntimeError)) throw err
      ctx.stderr.write(err.message + '\n')
      return 2
    }
  },
}

function parseArgs(argv: string[]): AwkArgs | string {
  const out: AwkArgs = { assigns: [], operands: [] }
  let i = 0
  for (; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--') { i++; break }
    if (!a.startsWith('-') || a === '-') break
    const opt = a.slice(0, 2)
    const value = a.length > 2 ? a.slice(2) : argv[++i]
    if (opt !== '-F' && opt !== '-v' && opt !== '-f') return `awk: unknown option ${a} ignored\n${USAGE}`
    if (value === undefined) return `awk: no ${opt === '-F' ? 'field separator' : opt === '-v' ? 'variable name' : 'program filename'}\n`
    if (opt === '-F') out.fs = value
    else if (opt === '-f') out.programFile = value
    else {
      const m = ASSIGNMENT.exec(value)
      if (!m) return `awk: invalid -v argument: ${value}\n`
      out.assigns.push([m[1], m[2]])
    }
  }
  out.operands = argv.slice(i)
  return out
}

function programSource(ctx: CommandContext, args: AwkArgs): string | null {
  if (args.programFile === undefined) {
    const src = args.operands.shift()
    if (src === undefined) { ctx.stderr.write(USAGE); return null }
    return src
  }
  try {
    return ctx.vfs.readFile(abs(ctx, args.programFile))
  } catch (err) {
    if (!(err instanceof VfsError)) throw err
    ctx.stderr.write(`awk: can't open file ${args.programFile}\n`)
    return null
  }
}

/** Operands in order: `var=value` assigns before the next file is read; none at all means stdin. */
function* inputs(ctx: CommandContext, awkRun: AwkInterpreter, operands: string[], onFailure: () => void): Iterable<AwkInput> {
  let sawFile = false
  for (const op of operands) {
    const m = ASSIGNMENT.exec(op)
    if (m) { awkRun.setVar(m[1], new StrNum(unescape(m[2]))); continue }
    sawFile = true
    if (op === '-') { yield { name: '-', text: ctx.stdin }; continue }
    try {
      yield { name: op, text: ctx.vfs.readFile(abs(ctx, op)) }
    } catch (err) {
      if (!(err instanceof VfsError)) throw err
      ctx.stderr.write(`awk: can't open file ${op}\n source line number 1\n`)
      onFailure()
      return
    }
  }
  if (!sawFile) yield { name: '-', text: ctx.stdin }
}

function unescape(s: string): string {
  return interpretEscapes(s).text
}

/** one-true-awk's report: the message, the offending line with `>>> token <<<`, then "bailing out". */
function syntaxReport(source: string, err: AwkSyntaxError): string {
  const lineStart = source.lastIndexOf('\n', err.pos - 1) + 1
  const before = source.slice(lineStart, err.pos)
  const token = /^\S*/.exec(source.slice(err.pos))![0].slice(0, 40)
  return `awk: ${err.message} at source line ${err.line}\n context is\n\t${before.slice(-60)} >>> ${token} <<< \nawk: bailing out at source line ${err.line}\n`
}
