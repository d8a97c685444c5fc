// Arithmetic evaluation: bash's expr.c grammar over 64-bit integers, evaluated while parsing (as bash does).
import { ArithFault, parseNumber, readToken, type Token } from './arith-lexer'
import { binaryOp, bool, pow, wrap } from './arith-ops'

/** Longest expression text evaluated; a longer one is refused with one line. */
export const MAX_ARITH_CHARS = 4096
/** Nesting of parentheses, unary operators and variables whose values are expressions (bash: 1024). */
export const MAX_ARITH_DEPTH = 128

/** What the evaluator reads and assigns: the shell's variables. */
export interface ArithVars {
  get(name: string): string | undefined
  set(name: string, value: string): void
}

/** A failed evaluation; the message is bash's `expr: msg (error token is "...")`, without a prefix. */
export class ArithError extends Error {}

const ASSIGN_OPS = new Set(['=', '*=', '/=', '%=', '+=', '-=', '<<=', '>>=', '&=', '^=', '|='])

/** Left-associative binary levels, loosest first (bash's expbor ... exp2). */
const LEVELS: string[][] = [['|'], ['^'], ['&'], ['==', '!='], ['<=', '>=', '<', '>'], ['<<', '>>'], ['+', '-'], ['*', '/', '%']]

/** Evaluates one expression; empty text is 0, as in bash. */
export function evaluateArith(text: string, vars: ArithVars, depth = 0): bigint {
  if (text.length > MAX_ARITH_CHARS) throw new ArithError(`expression too long (over ${MAX_ARITH_CHARS} characters)`)
  return new Evaluator(text, vars, depth).run()
}

class Evaluator {
  private tok: Token = { kind: 'eof', text: '', at: 0 }
  private pos = 0
  private lastAt = 0
  private consumed = 0
  private noeval = 0

  constructor(private readonly s: string, private readonly vars: ArithVars, private depth: number) {}

  run(): bigint {
    try {
      if (this.depth > MAX_ARITH_DEPTH) throw new ArithFault('expression recursion level exceeded')
      this.next()
      if (this.atEnd()) return 0n
      const v = this.comma()
      if (!this.atEnd()) throw new ArithFault('syntax error in expression')
      return v
    } catch (err) {
      if (!(err instanceof ArithFault)) throw err
      const tail = this.s.slice(this.lastAt)
      throw new ArithError(`${this.s.replace(/^[ \t]+/, '')}: ${err.message} (error token is "${tail}")`)
    }
  }

  private next(): void {
    const start = this.s.slice(this.pos).search(/[^ \t\n]/)
    // bash keeps `lasttp` at the last real token, so an error at the end names the dangling operator.
    if (start >= 0) this.lastAt = this.pos + start
    const { tok, end } = readToken(this.s, this.pos, this.tok.kind)
    this.tok = tok
    this.pos = end
    this.consumed++
  }

  private atEnd(): boolean {
    return this.tok.kind === 'eof'
  }

  private is(...ops: string[]): boolean {
    return this.tok.kind === 'op' && ops.includes(this.tok.text)
  }

  private comma(): bigint {
    let v = this.assign()
    while (this.is(',')) { this.next(); v = this.assign() }
    return v
  }

  /** `x = y` and `x op= y`: the left side must be one bare name; right-associative. */
  private assign(): bigint {
    const start = this.consumed
    const first = this.tok
    const v = this.cond()
    if (!(this.tok.kind === 'op' && ASSIGN_OPS.has(this.tok.text))) return v
    if (this.consumed - start !== 1 || first.kind !== 'id') throw new ArithFault('attempted assignment to non-variable')
    const op = this.tok.text
    this.next()
    const rhs = this.assign()
    if (this.noeval) return rhs
    const value = op === '=' ? rhs : binaryOp(op.slice(0, -1), this.variable(first.text), rhs)
    this.vars.set(first.text, String(value))
    return value
  }

  private cond(): bigint {
    const c = this.logical('||')
    if (!this.is('?')) return c
    this.next()
    const a = this.guarded(c === 0n, () => this.comma())
    if (!this.is(':')) throw new ArithFault("`:' expected for conditional expression")
    this.next()
    const b = this.guarded(c !== 0n, () => this.cond())
    return c !== 0n ? a : b
  }

  /** `&&`, `||` and `?:` skip evaluation (and assignments) of the side that does not count. */
  private guarded(skip: boolean, f: () => bigint): bigint {
    if (skip) this.noeval++
    try { return f() } finally { if (skip) this.noeval-- }
  }

  private logical(op: '||' | '&&'): bigint {
    const operand = () => (op === '||' ? this.logical('&&') : this.level(0))
    let v = operand()
    while (this.is(op)) {
      this.next()
      const decided = op === '||' ? v !== 0n : v === 0n
      const r = this.guarded(decided, operand)
      v = bool(op === '||' ? v !== 0n || r !== 0n : v !== 0n && r !== 0n)
    }
    return v
  }

  private level(i: number): bigint {
    if (i === LEVELS.length) return this.power()
    let v = this.level(i + 1)
    while (this.is(...LEVELS[i])) {
      const op = this.tok.text
      this.next()
      const r = this.level(i + 1)
      v = this.noeval ? 0n : binaryOp(op, v, r)
    }
    return v
  }

  private power(): bigint {
    const base = this.unary()
    if (!this.is('**')) return base
    this.next()
    const exp = this.power()
    if (this.noeval) return 0n
    if (exp < 0n) throw new ArithFault('exponent less than 0')
    return pow(base, exp)
  }

  private unary(): bigint {
    if (!this.is('!', '~', '-', '+')) return this.primary()
    const op = this.tok.text
    this.next()
    const v = this.nested(() => this.unary())
    if (op === '!') return bool(v === 0n)
    if (op === '~') return wrap(~v)
    return op === '-' ? wrap(-v) : v
  }

  private nested(f: () => bigint): bigint {
    if (++this.depth > MAX_ARITH_DEPTH) throw new ArithFault('expression recursion level exceeded')
    try { return f() } finally { this.depth-- }
  }

  private primary(): bigint {
    const t = this.tok
    if (this.is('++pre', '--pre')) return this.preIncrement(t.text[0] === '+' ? 1n : -1n)
    if (this.is('(')) return this.parenthesised()
    if (t.kind === 'num') {
      const v = parseNumber(t.text)
      this.next()
      return v
    }
    if (t.kind !== 'id') throw new ArithFault('syntax error: operand expected')
    this.next()
    if (this.is('++post', '--post')) return this.postIncrement(t.text, this.tok.text[0] === '+' ? 1n : -1n)
    return this.noeval || this.is('=') ? 0n : this.variable(t.text)
  }

  private parenthesised(): bigint {
    this.next()
    const v = this.nested(() => this.comma())
    if (!this.is(')')) throw new ArithFault("missing `)'")
    this.next()
    return v
  }

  private preIncrement(delta: bigint): bigint {
    this.next()
    const t = this.tok
    if (t.kind !== 'id') throw new ArithFault('identifier expected after pre-increment or pre-decrement')
    this.next()
    if (this.noeval) return 0n
    const v = wrap(this.variable(t.text) + delta)
    this.vars.set(t.text, String(v))
    return v
  }

  private postIncrement(name: string, delta: bigint): bigint {
    this.next()
    if (this.noeval) return 0n
    const v = this.variable(name)
    this.vars.set(name, String(wrap(v + delta)))
    return v
  }

  /** A variable's value is itself an expression (x=y+1); unset or empty is 0. */
  variable(name: string): bigint {
    const raw = this.vars.get(name)
    if (raw === undefined || raw.trim() === '') return 0n
    if (/^-?(0|[1-9][0-9]*)$/.test(raw.trim())) return wrap(BigInt(raw.trim()))
    return evaluateArith(raw, this.vars, this.depth + 1)
  }
}
