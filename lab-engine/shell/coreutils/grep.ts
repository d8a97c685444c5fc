// grep: print lines matching a pattern (BRE by default, -E for ERE); -i -v -c -n -q -l -h -H -e -F -w -o.
// Patterns go through the safe-regex guard, so a learner's pattern cannot hang the session.
import type { CommandContext, CommandSpec } from '../registry'
import { readInputs, splitLines, withArgs } from './io-helpers'
import { compileRegex } from './safe-regex'

const SPEC = { flags: 'ivcnqlhHEFwo', values: 'e', long: { 'ignore-case': 'i', 'invert-match': 'v', count: 'c', 'line-number': 'n', quiet: 'q', 'extended-regexp': 'E', regexp: 'e', 'fixed-strings': 'F', 'word-regexp': 'w', 'only-matching': 'o', 'files-with-matches': 'l' } }

export const grep: CommandSpec = {
  name: 'grep',
  run: (ctx) => withArgs(ctx, 'grep', SPEC, 2, (a) => {
    const ops = [...a.operands]
    // Every -e adds patterns, and a newline in a pattern separates patterns (GNU); a line matching any is selected.
    const given = a.lists.e ?? (ops.length ? [ops.shift()!] : undefined)
    if (given === undefined) {
      ctx.stderr.write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n")
      return 2
    }
    const re = compileAll(ctx, given.flatMap((p) => p.split('\n')), a.flags)
    if (!re) return 2
    const { files, failed } = readInputs(ctx, 'grep', ops)
    const prefix = a.flags.has('H') || (ops.length > 1 && !a.flags.has('h'))
    let matched = false
    for (const f of files) matched = searchFile(ctx, f.name === '-' ? '(standard input)' : f.name, f.text, re, a.flags, prefix) || matched
    return failed && !(a.flags.has('q') && matched) ? 2 : matched ? 0 : 1
  }),
}

function searchFile(ctx: CommandContext, name: string, text: string, re: RegExp, flags: Set<string>, prefix: boolean): boolean {
  const invert = flags.has('v')
  let count = 0
  const out: string[] = []
  splitLines(text).forEach((line, i) => {
    if (re.test(line) === invert) return
    count++
    const lead = (prefix ? `${name}:` : '') + (flags.has('n') ? `${i + 1}:` : '')
    if (flags.has('o') && !invert) for (const m of line.match(new RegExp(re.source, re.flags + 'g')) ?? []) out.push(lead + m)
    else out.push(lead + line)
  })
  if (flags.has('q')) return count > 0
  if (flags.has('l')) { if (count) ctx.stdout.write(name + '\n') }
  else if (flags.has('c')) ctx.stdout.write((prefix ? `${name}:` : '') + count + '\n')
  else for (const l of out) ctx.stdout.write(l + '\n')
  return count > 0
}

function compileAll(ctx: CommandContext, patterns: string[], flags: Set<string>): RegExp | null {
  const compiled: RegExp[] = []
  for (const p of patterns) {
    const re = compile(ctx, p, flags)
    if (!re) return null
    compiled.push(re)
  }
  if (compiled.length === 1) return compiled[0]
  return new RegExp(compiled.map((re) => `(?:${re.source})`).join('|'), compiled[0].flags)
}

function compile(ctx: CommandContext, pattern: string, flags: Set<string>): RegExp | null {
  const fixed = flags.has('F')
  const source = fixed ? pattern.replace(/[\\.*+?^${}()|[\]]/g, '\\$&') : pattern
  const result = compileRegex(source, { syntax: fixed || flags.has('E') ? 'ERE' : 'BRE', ignoreCase: flags.has('i') })
  if (!result.ok) {
    ctx.stderr.write(`grep: ${result.message}\n`)
    return null
  }
  if (!flags.has('w')) return result.re
  return new RegExp(`(?<![\\w])(?:${result.re.source})(?![\\w])`, result.re.flags)
}
