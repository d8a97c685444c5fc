// PromQL parser: recursive descent over the tokens, with Prometheus's operator precedence and type checks.
//
// Prometheus docs, "Operators": binary precedence from highest to lowest is
// ^ (right-associative); * / %; + -; == != <= < >= >; and unless; or.
// Comparisons between scalars need `bool`; aggregations take `by`/`without`
// before or after their argument; a selector without a metric name needs a
// matcher that does not match the empty string.

import {
  AGGREGATE_OPS,
  COMPARISON_OPS,
  SET_OPS,
  type AggregateOp,
  type BinaryOp,
  type Expr,
  type Grouping,
  type LabelMatcher,
  type MatchOp,
  type VectorMatching,
} from './promql-ast'
import { FUNCTIONS, UNSUPPORTED_FUNCTIONS } from './promql-functions'
import { PromQLError, tokenize, type Token } from './promql-lexer'
import { typeName, type ValueType } from './promql-values'
import { compileRe2 } from './re2'

/** Deepest nesting of parentheses, calls and operators a query may have. */
export const MAX_NESTING_DEPTH = 48

/** Regex matchers longer than this are refused (JavaScript regexes can backtrack badly). */
export const MAX_REGEX_LENGTH = 512

const PRECEDENCE: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['or']),
  new Set(['and', 'unless']),
  new Set(['==', '!=', '<=', '<', '>=', '>']),
  new Set(['+', '-']),
  new Set(['*', '/', '%']),
]

/** Parses a query into a type-checked syntax tree. */
export function parsePromQL(query: string): Expr {
  const tokens = tokenize(query)
  if (tokens[0]!.type === 'eof') throw new PromQLError('no expression found in input', 0)
  const parser = new Parser(tokens)
  const expr = parser.parseExpr(0)
  parser.expectEnd()
  return expr
}

class Parser {
  private i = 0
  private depth = 0

  constructor(private readonly tokens: Token[]) {}

  private get tok(): Token {
    return this.tokens[this.i]!
  }

  /** Whether the current token has this type (and text); a method, so TypeScript does not narrow across next(). */
  private is(type: Token['type'], text?: string): boolean {
    const t = this.tokens[this.i]!
    return t.type === type && (text === undefined || t.text === text)
  }

  private next(): Token {
    return this.tokens[this.i++]!
  }

  private fail(msg: string, tok: Token = this.tok): never {
    throw new PromQLError(msg, tok.pos)
  }

  private expect(type: Token['type'], what: string): Token {
    if (this.tok.type !== type) this.fail(`unexpected ${describe(this.tok)}, expected ${what}`)
    return this.next()
  }

  expectEnd(): void {
    if (this.tok.type !== 'eof') this.fail(`unexpected ${describe(this.tok)}`)
  }

  private nest<T>(fn: () => T): T {
    if (++this.depth > MAX_NESTING_DEPTH) this.fail(`query is nested deeper than ${MAX_NESTING_DEPTH} levels`)
    try {
      return fn()
    } finally {
      this.depth--
    }
  }

  /** Binary operators at precedence level `level` and above. */
  parseExpr(level: number): Expr {
    if (level >= PRECEDENCE.length) return this.parseUnary()
    let lhs = this.parseExpr(level + 1)
    while (this.isBinaryOp(PRECEDENCE[level]!)) {
      const opTok = this.next()
      const op = opTok.text as BinaryOp
      const { returnBool, matching } = this.parseBinaryModifiers(op)
      const rhs = this.nest(() => this.parseExpr(level + 1))
      lhs = checkBinary({ kind: 'binary', op, lhs, rhs, returnBool, matching, pos: opTok.pos })
    }
    return lhs
  }

  private isBinaryOp(ops: ReadonlySet<string>): boolean {
    const t = this.tok
    return (t.type === 'op' || t.type === 'ident') && ops.has(t.text)
  }

  private parseBinaryModifiers(op: BinaryOp): { returnBool: boolean; matching: VectorMatching | null } {
    let returnBool = false
    if (this.tok.type === 'ident' && this.tok.text === 'bool') {
      if (!COMPARISON_OPS.has(op)) this.fail('bool modifier can only be used on comparison operators')
      this.next()
      returnBool = true
    }
    let matching: VectorMatching | null = null
    if (this.tok.type === 'ident' && (this.tok.text === 'on' || this.tok.text === 'ignoring')) {
      const mode = this.next().text as 'on' | 'ignoring'
      matching = { mode, labels: this.parseLabelList() }
    }
    if (this.tok.type === 'ident' && (this.tok.text === 'group_left' || this.tok.text === 'group_right')) {
      this.fail(`${this.tok.text} (many-to-one matching) is not supported in this simulator`)
    }
    return { returnBool, matching }
  }

  private parseUnary(): Expr {
    const t = this.tok
    if (t.type === 'op' && (t.text === '-' || t.text === '+')) {
      this.next()
      const expr = this.nest(() => this.parseUnary())
      const type = typeOf(expr)
      if (type !== 'scalar' && type !== 'vector') this.fail(`unary expression only allowed on expressions of type scalar or instant vector, got ${typeName(type)}`, t)
      return { kind: 'unary', op: t.text as '-' | '+', expr, pos: t.pos }
    }
    return this.parsePower()
  }

  /** `^` is right-associative and binds tighter than unary minus. */
  private parsePower(): Expr {
    const base = this.parsePostfix()
    if (this.tok.type === 'op' && this.tok.text === '^') {
      const opTok = this.next()
      const { returnBool, matching } = this.parseBinaryModifiers('^')
      const rhs = this.nest(() => this.parseUnary())
      return checkBinary({ kind: 'binary', op: '^', lhs: base, rhs, returnBool, matching, pos: opTok.pos })
    }
    return base
  }

  /** A primary expression followed by an optional range `[5m]` and `offset`. */
  private parsePostfix(): Expr {
    let expr = this.parsePrimary()
    if (this.tok.type === '[') {
      const open = this.next()
      const range = this.expect('duration', 'duration in range selector')
      if (this.is(':')) this.fail('subqueries are not supported in this simulator')
      this.expect(']', '"]"')
      if (expr.kind !== 'selector' || expr.rangeMs !== undefined) this.fail('ranges only allowed for vector selectors', open)
      if (range.value! <= 0) this.fail('range must be greater than zero', range)
      expr = { ...expr, rangeMs: range.value! }
    }
    if (this.tok.type === 'ident' && this.tok.text === 'offset') {
      const off = this.next()
      const neg = this.is('op', '-') ? (this.next(), -1) : 1
      const d = this.expect('duration', 'duration after offset')
      if (expr.kind !== 'selector') this.fail('offset modifier must be preceded by a vector selector', off)
      expr = { ...expr, offsetMs: neg * d.value! }
    }
    return expr
  }

  private parsePrimary(): Expr {
    const t = this.tok
    switch (t.type) {
      case 'number':
        this.next()
        return { kind: 'number', value: t.value!, pos: t.pos }
      case 'string':
        this.next()
        return { kind: 'string', value: t.text, pos: t.pos }
      case '(':
        return this.nest(() => {
          this.next()
          const expr = this.parseExpr(0)
          this.expect(')', '")"')
          return { kind: 'paren', expr, pos: t.pos }
        })
      case '{':
        return this.parseSelector(undefined, t.pos)
      case 'ident':
        return this.parseIdentExpr()
      case 'duration':
        return this.fail(`unexpected duration ${JSON.stringify(t.text)}`)
      default:
        return this.fail(`unexpected ${describe(t)}`)
    }
  }

  private parseIdentExpr(): Expr {
    const t = this.next()
    const lower = t.text.toLowerCase()
    if (lower === 'inf' || lower === 'nan') return { kind: 'number', value: lower === 'inf' ? Infinity : NaN, pos: t.pos }
    if ((AGGREGATE_OPS as readonly string[]).includes(t.text) && (this.tok.type === '(' || isGroupingKeyword(this.tok))) {
      return this.nest(() => this.parseAggregate(t.text as AggregateOp, t.pos))
    }
    if (this.tok.type === '(') return this.nest(() => this.parseCall(t))
    return this.parseSelector(t.text, t.pos)
  }

  private parseCall(name: Token): Expr {
    const def = FUNCTIONS[name.text]
    if (!def && UNSUPPORTED_FUNCTIONS.has(name.text)) this.fail(`${name.text}() is valid PromQL but not supported in this simulator`, name)
    if (!def) this.fail(`unknown function with name ${JSON.stringify(name.text)}`, name)
    this.expect('(', '"("')
    const args: Expr[] = []
    while (!this.is(')')) {
      args.push(this.parseExpr(0))
      if (!this.is(',')) break
      this.next()
    }
    this.expect(')', '")" or ","')
    const min = def.args.length - (def.optional ?? 0)
    if (args.length < min || args.length > def.args.length) {
      this.fail(`expected ${min === def.args.length ? min : `${min} to ${def.args.length}`} argument(s) in call to ${JSON.stringify(name.text)}, got ${args.length}`, name)
    }
    args.forEach((a, k) => expectType(a, def.args[k]!, `call to function ${JSON.stringify(name.text)}`))
    return { kind: 'call', func: name.text, args, pos: name.pos }
  }

  private parseAggregate(op: AggregateOp, pos: number): Expr {
    let grouping = this.parseGrouping()
    this.expect('(', '"(" in aggregation')
    let param: Expr | undefined
    if (op === 'topk' || op === 'bottomk' || op === 'quantile') {
      param = this.parseExpr(0)
      this.expect(',', '"," after the aggregation parameter')
      expectType(param, 'scalar', `aggregation parameter of ${op}`)
    }
    const expr = this.parseExpr(0)
    this.expect(')', '")" in aggregation')
    grouping = grouping ?? this.parseGrouping()
    expectType(expr, 'vector', 'aggregation expression')
    return { kind: 'aggregate', op, grouping, param, expr, pos }
  }

  private parseGrouping(): Grouping | null {
    if (!isGroupingKeyword(this.tok)) return null
    const mode = this.next().text as 'by' | 'without'
    return { mode, labels: this.parseLabelList() }
  }

  private parseLabelList(): string[] {
    this.expect('(', '"(" before the label list')
    const labels: string[] = []
    while (this.is('ident')) {
      labels.push(this.next().text)
      if (!this.is(',')) break
      this.next()
    }
    this.expect(')', 'label name or ")" in grouping')
    return labels
  }

  private parseSelector(name: string | undefined, pos: number): Expr {
    const matchers: LabelMatcher[] = []
    if (this.tok.type === '{') {
      this.next()
      while (!this.is('}')) {
        matchers.push(this.parseMatcher())
        if (!this.is(',')) break
        this.next()
      }
      this.expect('}', '"," or "}" in label matching')
    }
    if (name === undefined && !matchers.some((m) => !matchesEmpty(m))) {
      throw new PromQLError('vector selector must contain at least one non-empty matcher', pos)
    }
    if (name !== undefined && matchers.some((m) => m.name === '__name__')) {
      throw new PromQLError(`metric name must not be set twice: ${JSON.stringify(name)}`, pos)
    }
    return { kind: 'selector', name, matchers, offsetMs: 0, pos }
  }

  private parseMatcher(): LabelMatcher {
    const name = this.expect('ident', 'label name')
    const opTok = this.tok
    if (opTok.type !== 'op' || !['=', '!=', '=~', '!~'].includes(opTok.text)) this.fail(`unexpected ${describe(opTok)} in label matching, expected label matching operator`)
    this.next()
    const value = this.expect('string', 'label value string')
    const op = opTok.text as MatchOp
    if (op === '=~' || op === '!~') return { name: name.text, op, value: value.text, re: compileRegex(value) }
    return { name: name.text, op, value: value.text }
  }
}

function compileRegex(tok: Token): RegExp {
  if (tok.text.length > MAX_REGEX_LENGTH) throw new PromQLError(`regular expression longer than ${MAX_REGEX_LENGTH} characters`, tok.pos)
  try {
    return compileRe2(tok.text, true)
  } catch (err) {
    throw new PromQLError(`invalid regular expression ${JSON.stringify(tok.text)}: ${(err as Error).message}`, tok.pos)
  }
}

function matchesEmpty(m: LabelMatcher): boolean {
  switch (m.op) {
    case '=':
      return m.value === ''
    case '!=':
      return m.value !== ''
    case '=~':
      return m.re!.test('')
    case '!~':
      return !m.re!.test('')
  }
}

function isGroupingKeyword(t: Token): boolean {
  return t.type === 'ident' && (t.text === 'by' || t.text === 'without')
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'end of input'
  if (t.type === 'ident') return `identifier ${JSON.stringify(t.text)}`
  if (t.type === 'number' || t.type === 'duration') return `${t.type} ${JSON.stringify(t.text)}`
  if (t.type === 'string') return `string ${JSON.stringify(t.text)}`
  return `character ${JSON.stringify(t.text)}`
}

/** The static type of an expression, as Prometheus's parser infers it. */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'number':
      return 'scalar'
    case 'string':
      return 'string'
    case 'selector':
      return e.rangeMs === undefined ? 'vector' : 'matrix'
    case 'call':
      return FUNCTIONS[e.func]!.returns
    case 'aggregate':
      return 'vector'
    case 'binary':
      return typeOf(e.lhs) === 'scalar' && typeOf(e.rhs) === 'scalar' ? 'scalar' : 'vector'
    case 'unary':
    case 'paren':
      return typeOf(e.expr)
  }
}

function expectType(e: Expr, want: ValueType, context: string): void {
  const got = typeOf(e)
  if (got !== want) throw new PromQLError(`expected type ${typeName(want)} in ${context}, got ${typeName(got)}`, e.pos)
}

function checkBinary(e: Extract<Expr, { kind: 'binary' }>): Expr {
  const lt = typeOf(e.lhs)
  const rt = typeOf(e.rhs)
  for (const t of [lt, rt]) {
    if (t !== 'scalar' && t !== 'vector') throw new PromQLError(`binary expression must contain only scalar and instant vector types`, e.pos)
  }
  if (COMPARISON_OPS.has(e.op) && lt === 'scalar' && rt === 'scalar' && !e.returnBool) {
    throw new PromQLError('comparisons between scalars must use BOOL modifier', e.pos)
  }
  if (SET_OPS.has(e.op) && (lt !== 'vector' || rt !== 'vector')) {
    throw new PromQLError(`set operator ${JSON.stringify(e.op)} not allowed in binary scalar expression`, e.pos)
  }
  if (e.matching && (lt !== 'vector' || rt !== 'vector')) {
    throw new PromQLError('vector matching only allowed between instant vectors', e.pos)
  }
  return e
}
