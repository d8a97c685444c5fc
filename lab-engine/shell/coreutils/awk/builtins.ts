// awk built-in functions: length substr index split sub gsub match sprintf tolower toupper and the numeric ones.
import type { Expr } from './ast'
import { awkSprintf } from './format'
import type { AwkInterpreter } from './interp'
import { AwkRuntimeError, splitFields } from './record'
import { StrNum, toNum, toStr, type Value } from './values'

export function callBuiltin(awk: AwkInterpreter, name: string, args: Expr[]): Value {
  const arg = (i: number): Value => (args[i] ? awk.eval(args[i]) : '')
  const s = (i: number) => toStr(arg(i))
  const n = (i: number) => toNum(arg(i))
  switch (name) {
    case 'length': return length(awk, args)
    case 'substr': return substr(s(0), n(1), args.length > 2 ? n(2) : Infinity)
    case 'index': return s(0).indexOf(s(1)) + 1
    case 'split': return split(awk, args)
    case 'sub': case 'gsub': return substitute(awk, args, name === 'gsub')
    case 'match': return match(awk, args)
    case 'sprintf': return awk.limitString(awkSprintf(s(0), args.slice(1).map((a) => awk.eval(a))))
    case 'tolower': return s(0).toLowerCase()
    case 'toupper': return s(0).toUpperCase()
    case 'int': return Math.trunc(n(0))
    case 'sqrt': return Math.sqrt(n(0))
    case 'exp': return Math.exp(n(0))
    case 'log': return Math.log(n(0))
    case 'sin': return Math.sin(n(0))
    case 'cos': return Math.cos(n(0))
    case 'atan2': return Math.atan2(n(0), n(1))
    case 'rand': return rand(awk)
    case 'srand': {
      const previous = awk.randSeed
      awk.randSeed = args.length ? Math.trunc(n(0)) : 0
      awk.randState = awk.randSeed >>> 0
      return previous
    }
    case 'close': return awk.closeFile(s(0))
    case 'system': throw new AwkRuntimeError('awk: system() is not available in this shell')
  }
  throw new AwkRuntimeError(`awk: calling undefined function ${name}`)
}

function length(awk: AwkInterpreter, args: Expr[]): number {
  if (!args.length) return toStr(awk.record.get(0)).length
  const a = args[0]
  if (a.type === 'var' && awk.arrays.has(a.name)) return awk.arrays.get(a.name)!.size
  return toStr(awk.eval(a)).length
}

/** POSIX substr: characters from position m (1-based, rounded) for n characters, clipped to the string. */
function substr(s: string, m: number, n: number): string {
  let start = Math.round(m)
  let len = n === Infinity ? Infinity : Math.round(n)
  if (Number.isNaN(start) || Number.isNaN(len)) return ''
  if (start < 1) { len += start - 1; start = 1 }
  if (len <= 0) return ''
  return s.slice(start - 1, len === Infinity ? undefined : start - 1 + len)
}

function split(awk: AwkInterpreter, args: Expr[]): number {
  const target = args[1]
  if (!target || target.type !== 'var') throw new AwkRuntimeError('awk: split: second argument must be an array name')
  const text = toStr(awk.eval(args[0]))
  const fs = args[2] ? (args[2].type === 'regex' ? args[2].source : toStr(awk.eval(args[2]))) : awk.str('FS')
  const arr = awk.array(target.name)
  arr.clear()
  const pieces = splitFields(text, fs)
  pieces.forEach((p, i) => awk.setElement(target.name, String(i + 1), new StrNum(p)))
  return pieces.length
}

/** sub/gsub: `&` in the replacement is the match, `\&` a literal ampersand. */
function substitute(awk: AwkInterpreter, args: Expr[], global: boolean): number {
  if (args.length < 2) throw new AwkRuntimeError(`awk: ${global ? 'gsub' : 'sub'}: not enough arguments`)
  const re = awk.regexOf(args[0])
  const repl = toStr(awk.eval(args[1]))
  const target: Expr = args[2] ?? { type: 'field', index: { type: 'num', value: 0 } }
  if (target.type !== 'var' && target.type !== 'index' && target.type !== 'field') throw new AwkRuntimeError('awk: sub/gsub: third argument is not a variable')
  const text = toStr(awk.eval(target))
  const g = new RegExp(re.source, re.flags + 'g')
  let count = 0, out = '', pos = 0
  for (let m = g.exec(text); m; m = g.exec(text)) {
    awk.tick()
    out += text.slice(pos, m.index) + expandReplacement(repl, m[0])
    pos = m.index + m[0].length
    count++
    if (!global) break
    if (m[0] === '') {
      if (m.index < text.length) out += text[m.index]
      pos = m.index + 1
      g.lastIndex = m.index + 1
      if (m.index >= text.length) break
    }
  }
  if (!count) return 0
  awk.store(target, awk.limitString(out + text.slice(pos)))
  return count
}

function expandReplacement(repl: string, matched: string): string {
  let out = ''
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]
    if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) out += repl[++i]
    else out += c === '&' ? matched : c
  }
  return out
}

function match(awk: AwkInterpreter, args: Expr[]): number {
  const text = toStr(awk.eval(args[0]))
  const m = args[1] ? awk.regexOf(args[1]).exec(text) : null
  awk.vars.set('RSTART', m ? m.index + 1 : 0)
  awk.vars.set('RLENGTH', m ? m[0].length : -1)
  return m ? m.index + 1 : 0
}

/** A deterministic LCG (no Math.random): awk's rand() is deterministic until srand() anyway. */
function rand(awk: AwkInterpreter): number {
  awk.randState = (Math.imul(awk.randState, 1103515245) + 12345) >>> 0
  return awk.randState / 2 ** 32
}
