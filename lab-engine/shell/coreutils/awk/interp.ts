// awk interpreter: runs a parsed program over input records, with a step budget so no program runs forever.
import { compileRegex } from '../safe-regex'
import type { Expr, Item, Program, Redirect, Stmt } from './ast'
import { callBuiltin } from './builtins'
import { AwkRecord, AwkRuntimeError } from './record'
import { compare, numberToString, StrNum, toBool, toNum, toStr, UNINIT, type Value } from './values'

/** Statements and expressions one awk run may evaluate; past it the run stops with an error. */
export const MAX_AWK_STEPS = 2_000_000
/** Entries across all arrays. */
export const MAX_ARRAY_ENTRIES = 100_000
/** Longest string a program may build. */
export const MAX_STRING_CHARS = 1024 * 1024

class NextRecord {}
class ExitProgram { constructor(readonly code: number) {} }
class LoopBreak {}
class LoopContinue {}

export interface AwkInput { name: string; text: string }

/** Where `print > "file"` goes: the command wires it to the VFS (and /dev/stdout, /dev/stderr). */
export interface AwkFiles {
  /** `append` false truncates only on the file's first use in the run, as awk keeps it open. */
  write(name: string, text: string, append: boolean): void
  close(name: string): number
}

export class AwkInterpreter {
  readonly vars = new Map<string, Value>()
  readonly arrays = new Map<string, Map<string, Value>>()
  readonly record: AwkRecord
  private steps = 0
  private arrayEntries = 0
  private readonly regexCache = new Map<string, RegExp>()
  private readonly rangeActive = new Map<Item, boolean>()
  randSeed = 0
  randState = 0

  constructor(
    private readonly program: Program,
    private readonly out: (s: string) => void,
    env: { [name: string]: string },
    private readonly files: AwkFiles,
  ) {
    this.record = new AwkRecord(() => this.str('OFS'))
    const defaults: [string, Value][] = [['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['NR', 0], ['NF', 0], ['FNR', 0],
      ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'], ['RSTART', 0], ['RLENGTH', -1], ['FILENAME', '']]
    for (const [k, v] of defaults) this.vars.set(k, v)
    const environ = new Map<string, Value>()
    for (const [k, v] of Object.entries(env)) environ.set(k, new StrNum(v))
    this.arrays.set('ENVIRON', environ)
  }

  /** BEGIN, then each record of each input, then END; returns the exit status. */
  run(inputs: () => Iterable<AwkInput>): number {
    try {
      this.runItems('begin')
      if (this.program.items.some((i) => i.kind !== 'begin')) {
        for (const input of inputs()) this.runInput(input)
      }
    } catch (err) {
      if (!(err instanceof ExitProgram)) throw err
      return this.runEnd(err.code)
    }
    return this.runEnd(0)
  }

  private runEnd(code: number): number {
    try {
      this.runItems('end')
      return code
    } catch (err) {
      if (err instanceof ExitProgram) return err.code
      throw err
    }
  }

  private runInput(input: AwkInput): void {
    this.vars.set('FILENAME', input.name === '-' ? '' : input.name)
    this.vars.set('FNR', 0)
    const lines = input.text.split('\n')
    if (lines[lines.length - 1] === '') lines.pop()
    for (const line of lines) {
      this.vars.set('NR', toNum(this.vars.get('NR')!) + 1)
      this.vars.set('FNR', toNum(this.vars.get('FNR')!) + 1)
      this.record.set(line, this.str('FS'))
      try {
        this.runItems('main')
      } catch (err) {
        if (!(err instanceof NextRecord)) throw err
      }
    }
  }

  private runItems(kind: Item['kind']): void {
    for (const item of this.program.items) {
      if (item.kind !== kind || !this.selects(item)) continue
      if (!item.action) this.out(toStr(this.record.get(0)) + this.str('ORS'))
      else this.action(item.action, kind)
    }
  }

  /** One action; `next` outside a record and `break`/`continue` outside a loop are errors (gawk's wording). */
  private action(body: Stmt[], kind: Item['kind']): void {
    try {
      this.block(body)
    } catch (err) {
      if (err instanceof NextRecord && kind !== 'main') throw new AwkRuntimeError(`awk: \`next' used in ${kind.toUpperCase()} action`)
      if (err instanceof LoopBreak) throw new AwkRuntimeError("awk: `break' is not allowed outside a loop")
      if (err instanceof LoopContinue) throw new AwkRuntimeError("awk: `continue' is not allowed outside a loop")
      throw err
    }
  }

  private selects(item: Item): boolean {
    const [p1, p2] = item.patterns
    if (!p1) return true
    if (!p2) return toBool(this.eval(p1))
    if (this.rangeActive.get(item)) {
      if (toBool(this.eval(p2))) this.rangeActive.set(item, false)
      return true
    }
    if (!toBool(this.eval(p1))) return false
    this.rangeActive.set(item, !toBool(this.eval(p2)))
    return true
  }

  // ---- statements ----

  private block(body: Stmt[]): void {
    for (const s of body) this.exec(s)
  }

  private exec(s: Stmt): void {
    this.tick()
    switch (s.type) {
      case 'expr': this.eval(s.expr); return
      case 'print': return this.emit(this.printText(s.args), s.redirect)
      case 'printf': return this.emit(this.sprintf(s.args), s.redirect)
      case 'block': return this.block(s.body)
      case 'if': if (toBool(this.eval(s.test))) this.exec(s.yes); else if (s.no) this.exec(s.no); return
      case 'while': while (toBool(this.eval(s.test))) if (this.loopBody(s.body)) break; return
      case 'do': do { if (this.loopBody(s.body)) break } while (toBool(this.eval(s.test))); return
      case 'for': return this.forLoop(s)
      case 'forin': return this.forIn(s)
      case 'next': throw new NextRecord()
      case 'break': throw new LoopBreak()
      case 'continue': throw new LoopContinue()
      case 'exit': throw new ExitProgram(s.code ? toNum(this.eval(s.code)) & 255 : 0)
      case 'delete': return this.delete(s.name, s.keys)
    }
  }

  /** Runs one iteration; true means `break`. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body)
    } catch (err) {
      if (err instanceof LoopBreak) return true
      if (!(err instanceof LoopContinue)) throw err
    }
    return false
  }

  private forLoop(s: Extract<Stmt, { type: 'for' }>): void {
    if (s.init) this.exec(s.init)
    while (!s.test || toBool(this.eval(s.test))) {
      if (this.loopBody(s.body)) break
      if (s.step) this.exec(s.step)
      this.tick()
    }
  }

  private forIn(s: Extract<Stmt, { type: 'forin' }>): void {
    const arr = this.array(s.array)
    for (const key of [...arr.keys()]) {
      this.setVar(s.key, new StrNum(key))
      if (this.loopBody(s.body)) break
    }
  }

  private delete(name: string, keys: Expr[] | null): void {
    const arr = this.array(name)
    if (!keys) { this.arrayEntries -= arr.size; arr.clear(); return }
    if (arr.delete(this.key(keys))) this.arrayEntries--
  }

  private printText(args: Expr[]): string {
    const parts = args.length ? args.map((a) => this.outputString(this.eval(a))) : [toStr(this.record.get(0))]
    return parts.join(this.str('OFS')) + this.str('ORS')
  }

  private emit(text: string, redirect: Redirect | null): void {
    if (!redirect) return this.out(text)
    const name = toStr(this.eval(redirect.target))
    if (name === '') throw new AwkRuntimeError('awk: null file name in print or getline')
    this.files.write(name, text, redirect.append)
  }

  private outputString(v: Value): string {
    return typeof v === 'number' ? numberToString(v) : toStr(v)
  }

  sprintf(args: Expr[]): string {
    return callBuiltin(this, 'sprintf', args) as string
  }

  // ---- expressions ----

  eval(e: Expr): Value {
    this.tick()
    switch (e.type) {
      case 'num': return e.value
      case 'str': return e.value
      case 'regex': return this.regex(e.source).test(toStr(this.record.get(0))) ? 1 : 0
      case 'var': return this.getVar(e.name)
      case 'index': return this.getElement(e.name, e.keys)
      case 'field': return this.record.get(this.fieldIndex(e.index))
      case 'group': return this.eval(e.expr)
      case 'assign': return this.assign(e)
      case 'cond': return toBool(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no)
      case 'unary': return this.unary(e.op, this.eval(e.operand))
      case 'binary': return this.binary(e)
      case 'incdec': {
        const old = toNum(this.eval(e.target))
        const next = e.op === '++' ? old + 1 : old - 1
        this.store(e.target, next)
        return e.prefix ? next : old
      }
      case 'match': {
        const hit = this.regexOf(e.pattern).test(toStr(this.eval(e.subject)))
        return hit !== e.negate ? 1 : 0
      }
      case 'in': return this.array(e.array).has(this.key(e.keys)) ? 1 : 0
      case 'concat': return this.limitString(toStr(this.eval(e.left)) + toStr(this.eval(e.right)))
      case 'call': return callBuiltin(this, e.name, e.args)
    }
  }

  private unary(op: string, v: Value): Value {
    if (op === '!') return toBool(v) ? 0 : 1
    return op === '-' ? -toNum(v) : toNum(v)
  }

  private binary(e: Extract<Expr, { type: 'binary' }>): Value {
    if (e.op === '&&') return toBool(this.eval(e.left)) && toBool(this.eval(e.right)) ? 1 : 0
    if (e.op === '||') return toBool(this.eval(e.left)) || toBool(this.eval(e.right)) ? 1 : 0
    const a = this.eval(e.left), b = this.eval(e.right)
    switch (e.op) {
      case '<': return compare(a, b) < 0 ? 1 : 0
      case '<=': return compare(a, b) <= 0 ? 1 : 0
      case '>': return compare(a, b) > 0 ? 1 : 0
      case '>=': return compare(a, b) >= 0 ? 1 : 0
      case '==': return compare(a, b) === 0 ? 1 : 0
      case '!=': return compare(a, b) !== 0 ? 1 : 0
    }
    return arithmetic(e.op, toNum(a), toNum(b))
  }

  private assign(e: Extract<Expr, { type: 'assign' }>): Value {
    let value = this.eval(e.value)
    if (e.op !== '=') value = arithmetic(e.op.slice(0, -1), toNum(this.eval(e.target)), toNum(value))
    // `x = $1` copies the strnum, so x still compares numerically.
    this.store(e.target, value)
    return value
  }

  store(target: Expr, value: Value): void {
    if (target.type === 'var') return this.setVar(target.name, value)
    if (target.type === 'index') return this.setElement(target.name, this.key(target.keys), value)
    if (target.type === 'field') return this.record.put(this.fieldIndex(target.index), toStr(value), this.str('FS'))
    throw new AwkRuntimeError('awk: assignment to a non-variable')
  }

  getVar(name: string): Value {
    if (this.arrays.has(name)) throw new AwkRuntimeError(`awk: can't use array ${name} in scalar context`)
    if (name === 'NF') return this.record.nf
    return this.vars.get(name) ?? UNINIT
  }

  setVar(name: string, value: Value): void {
    if (this.arrays.has(name)) throw new AwkRuntimeError(`awk: can't assign to ${name}; it's an array name.`)
    if (name === 'NF') return this.record.setNf(Math.trunc(toNum(value)))
    this.vars.set(name, typeof value === 'string' ? this.limitString(value) : value)
  }

  array(name: string): Map<string, Value> {
    let arr = this.arrays.get(name)
    if (!arr) {
      if (this.vars.has(name)) throw new AwkRuntimeError(`awk: can't use scalar ${name} as array`)
      arr = new Map()
      this.arrays.set(name, arr)
    }
    return arr
  }

  private getElement(name: string, keys: Expr[]): Value {
    const arr = this.array(name)
    const key = this.key(keys)
    const v = arr.get(key)
    if (v !== undefined) return v
    // Referencing an element creates it (POSIX), which `in` then sees.
    this.setElement(name, key, UNINIT)
    return UNINIT
  }

  setElement(name: string, key: string, value: Value): void {
    const arr = this.array(name)
    if (!arr.has(key) && ++this.arrayEntries > MAX_ARRAY_ENTRIES) throw new AwkRuntimeError(`awk: more than ${MAX_ARRAY_ENTRIES} array elements`)
    arr.set(key, value)
  }

  private key(keys: Expr[]): string {
    return keys.map((k) => this.outputString(this.eval(k))).join(this.str('SUBSEP'))
  }

  private fieldIndex(e: Expr): number {
    return Math.trunc(toNum(this.eval(e)))
  }

  /** A regex operand: a literal /re/ as is, any other expression's string value as an ERE. */
  regexOf(e: Expr): RegExp {
    return this.regex(e.type === 'regex' ? e.source : toStr(this.eval(e)))
  }

  regex(source: string): RegExp {
    let re = this.regexCache.get(source)
    if (re) return re
    const r = compileRegex(source, { syntax: 'ERE' })
    if (!r.ok) throw new AwkRuntimeError(`awk: ${r.message}\n source: /${source}/`)
    re = r.re
    if (this.regexCache.size < 256) this.regexCache.set(source, re)
    return re
  }

  closeFile(name: string): number {
    return this.files.close(name)
  }

  str(name: string): string {
    return toStr(this.getVar(name))
  }

  limitString(s: string): string {
    if (s.length > MAX_STRING_CHARS) throw new AwkRuntimeError(`awk: string longer than ${MAX_STRING_CHARS} characters`)
    return s
  }

  tick(): void {
    if (++this.steps > MAX_AWK_STEPS) throw new AwkRuntimeError(`awk: program stopped after ${MAX_AWK_STEPS} steps`)
  }
}

function arithmetic(op: string, x: number, y: number): number {
  switch (op) {
    case '+': return x + y
    case '-': return x - y
    case '*': return x * y
    case '^': return x ** y
    case '/': if (y === 0) throw new AwkRuntimeError('awk: division by zero'); return x / y
    case '%': if (y === 0) throw new AwkRuntimeError('awk: division by zero in %'); return x % y
  }
  throw new AwkRuntimeError(`awk: unknown operator ${op}`)
}
