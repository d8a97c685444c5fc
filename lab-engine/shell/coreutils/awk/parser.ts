// awk parser: recursive descent over the lexer's tokens, following POSIX awk's grammar and precedence.
//
// Precedence, loosest first: assignment, ?:, ||, &&, in, ~ !~, comparisons, concatenation,
// + -, * / %, unary + - !, ^, ++ --, $, grouping. Inside `print` a bare `>` is output
// redirection to a file (`print > "out"`); pipes (`print | "cmd"`) are reported as unsupported.
import type { Expr, Item, Program, Redirect, Stmt } from './ast'
import { AwkSyntaxError, tokenize, type Token } from './lexer'

/** Nesting depth of expressions and blocks; deeper programs are refused rather than overflowing the stack. */
export const MAX_PARSE_DEPTH = 200

export function parseAwk(src: string): Program {
  return new Parser(tokenize(src)).program()
}

const COMPARISONS = new Set(['<', '<=', '==', '!=', '>', '>='])
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^='])

class Parser {
  private k = 0
  private depth = 0
  /** Inside print's argument list without parentheses: `>` is redirection there. */
  private noGreater = false

  constructor(private readonly tokens: Token[]) {}

  program(): Program {
    const items: Item[] = []
    this.terminators()
    while (!this.at('eof')) {
      items.push(this.item())
      this.terminators()
    }
    return { items }
  }

  private item(): Item {
    if (this.isKeyword('BEGIN') || this.isKeyword('END')) {
      const kind = this.next().value === 'BEGIN' ? 'begin' : 'end'
      if (!this.isOp('{')) this.fail()
      return { kind, patterns: [], action: this.block() }
    }
    if (this.isKeyword('function')) this.fail('user-defined functions are not supported')
    const patterns: Expr[] = []
    if (!this.isOp('{')) {
      patterns.push(this.expr())
      if (this.isOp(',')) { this.next(); this.newlines(); patterns.push(this.expr()) }
    }
    const action = this.isOp('{') ? this.block() : null
    return { kind: 'main', patterns, action }
  }

  private block(): Stmt[] {
    this.expectOp('{')
    this.enter()
    const body: Stmt[] = []
    this.terminators()
    while (!this.isOp('}')) {
      if (this.at('eof')) this.fail()
      body.push(this.statement())
      this.terminators()
    }
    this.next()
    this.depth--
    return body
  }

  private statement(): Stmt {
    const t = this.peek()
    if (t.type === 'op' && t.value === '{') return { type: 'block', body: this.block() }
    if (t.type === 'op' && t.value === ';') { this.next(); return { type: 'block', body: [] } }
    if (t.type === 'keyword') {
      switch (t.value) {
        case 'if': return this.ifStatement()
        case 'while': { this.next(); const test = this.condition(); return { type: 'while', test, body: this.body() } }
        case 'do': return this.doStatement()
        case 'for': return this.forStatement()
        case 'next': case 'break': case 'continue': this.next(); this.endSimple(); return { type: t.value }
        case 'exit': {
          this.next()
          const code = this.endsStatement() ? null : this.expr()
          this.endSimple()
          return { type: 'exit', code }
        }
        case 'delete': return this.deleteStatement()
        case 'print': case 'printf': return this.printStatement(t.value)
        case 'getline': this.fail('getline is not supported')
      }
    }
    const expr = this.expr()
    this.endSimple()
    return { type: 'expr', expr }
  }

  private ifStatement(): Stmt {
    this.next()
    const test = this.condition()
    const yes = this.body()
    // `if (x) stmt; else stmt` and `if (x) stmt <newline> else stmt`.
    const save = this.k
    this.terminators()
    if (this.isKeyword('else')) {
      this.next()
      this.newlines()
      return { type: 'if', test, yes, no: this.statement() }
    }
    this.k = save
    return { type: 'if', test, yes, no: null }
  }

  private doStatement(): Stmt {
    this.next()
    this.newlines()
    const body = this.statement()
    this.terminators()
    if (!this.isKeyword('while')) this.fail()
    this.next()
    const test = this.condition()
    this.endSimple()
    return { type: 'do', body, test }
  }

  private forStatement(): Stmt {
    this.next()
    this.expectOp('(')
    const t = this.peek(), u = this.tokens[this.k + 1], v = this.tokens[this.k + 2], w = this.tokens[this.k + 3]
    if (t.type === 'name' && u?.value === 'in' && v?.type === 'name' && w?.value === ')') {
      this.k += 4
      return { type: 'forin', key: t.value, array: v.value, body: this.body() }
    }
    const init = this.isOp(';') ? null : this.simpleStatement()
    this.expectOp(';'); this.newlines()
    const test = this.isOp(';') ? null : this.expr()
    this.expectOp(';'); this.newlines()
    const step = this.isOp(')') ? null : this.simpleStatement()
    this.expectOp(')')
    return { type: 'for', init, test, step, body: this.body() }
  }

  private simpleStatement(): Stmt {
    return { type: 'expr', expr: this.expr() }
  }

  private deleteStatement(): Stmt {
    this.next()
    const name = this.expect('name').value
    if (!this.isOp('[')) { this.endSimple(); return { type: 'delete', name, keys: null } }
    const keys = this.subscripts()
    this.endSimple()
    return { type: 'delete', name, keys }
  }

  private printStatement(kind: 'print' | 'printf'): Stmt {
    this.next()
    let args: Expr[] = []
    if (!this.endsStatement() && !this.isOp('>') && !this.isOp('>>') && !this.isOp('|')) {
      const outer = this.noGreater
      this.noGreater = true
      try {
        args = this.exprList()
      } finally {
        this.noGreater = outer
      }
      // `print (a, b)`: the grouping parses as one expression list.
      if (args.length === 1 && args[0].type === 'group' && (args[0].expr as Expr & { list?: Expr[] }).list) args = (args[0].expr as Expr & { list: Expr[] }).list
    }
    let redirect: Redirect | null = null
    if (this.isOp('|')) this.fail('output pipes are not supported here')
    if (this.isOp('>') || this.isOp('>>')) {
      const append = this.next().value === '>>'
      redirect = { append, target: this.concatenation() }
    }
    if (kind === 'printf' && !args.length) this.fail()
    this.endSimple()
    return { type: kind, args, redirect }
  }

  private body(): Stmt {
    this.newlines()
    if (this.isOp(';')) { this.next(); return { type: 'block', body: [] } }
    return this.statement()
  }

  private condition(): Expr {
    this.expectOp('(')
    const e = this.expr()
    this.expectOp(')')
    return e
  }

  private exprList(): Expr[] {
    const list = [this.expr()]
    while (this.isOp(',')) { this.next(); this.newlines(); list.push(this.expr()) }
    return list
  }

  // ---- expressions, loosest binding first ----

  expr(): Expr {
    this.enter()
    const e = this.ternary()
    let out = e
    if (this.peek().type === 'op' && ASSIGN_OPS.has(this.peek().value)) {
      if (!isLvalue(e)) this.fail()
      const op = this.next().value
      this.newlines()
      out = { type: 'assign', op, target: e, value: this.expr() }
    }
    this.depth--
    return out
  }

  private ternary(): Expr {
    const test = this.or()
    if (!this.isOp('?')) return test
    this.next(); this.newlines()
    const yes = this.ternary()
    this.newlines()
    this.expectOp(':'); this.newlines()
    return { type: 'cond', test, yes, no: this.ternary() }
  }

  private or(): Expr {
    let left = this.and()
    while (this.isOp('||')) { this.next(); this.newlines(); left = { type: 'binary', op: '||', left, right: this.and() } }
    return left
  }

  private and(): Expr {
    let left = this.inExpr()
    while (this.isOp('&&')) { this.next(); this.newlines(); left = { type: 'binary', op: '&&', left, right: this.inExpr() } }
    return left
  }

  private inExpr(): Expr {
    let left = this.matchExpr()
    while (this.isKeyword('in')) {
      this.next()
      left = { type: 'in', keys: [left], array: this.expect('name').value }
    }
    return left
  }

  private matchExpr(): Expr {
    let left = this.comparison()
    while (this.isOp('~') || this.isOp('!~')) {
      const negate = this.next().value === '!~'
      left = { type: 'match', negate, subject: left, pattern: this.comparison() }
    }
    return left
  }

  private comparison(): Expr {
    const left = this.concatenation()
    const t = this.peek()
    if (t.type !== 'op' || !COMPARISONS.has(t.value) || (t.value === '>' && this.noGreater)) return left
    this.next()
    return { type: 'binary', op: t.value, left, right: this.concatenation() }
  }

  private concatenation(): Expr {
    let left = this.additive()
    while (this.startsConcatOperand()) left = { type: 'concat', left, right: this.additive() }
    return left
  }

  private startsConcatOperand(): boolean {
    const t = this.peek()
    if (['number', 'string', 'regex', 'name', 'func', 'builtin'].includes(t.type)) return true
    if (t.type === 'keyword') return false
    // `a -b` is subtraction and `a !b` is refused by real awks, so only these ops start an operand.
    return t.type === 'op' && ['$', '(', '++', '--'].includes(t.value)
  }

  private additive(): Expr {
    let left = this.multiplicative()
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().value
      left = { type: 'binary', op, left, right: this.multiplicative() }
    }
    return left
  }

  private multiplicative(): Expr {
    let left = this.unary()
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().value
      left = { type: 'binary', op, left, right: this.unary() }
    }
    return left
  }

  private unary(): Expr {
    if (this.isOp('!') || this.isOp('-') || this.isOp('+')) {
      const op = this.next().value
      this.enter()
      const operand = this.unary()
      this.depth--
      return { type: 'unary', op, operand }
    }
    return this.power()
  }

  private power(): Expr {
    const base = this.postfix()
    if (!this.isOp('^')) return base
    this.next()
    this.enter()
    // Right-associative, and binds tighter than unary minus on its left: -2^2 is -4.
    const exponent = this.isOp('-') || this.isOp('+') || this.isOp('!') ? this.unary() : this.power()
    this.depth--
    return { type: 'binary', op: '^', left: base, right: exponent }
  }

  private postfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = this.next().value as '++' | '--'
      const target = this.postfix()
      if (!isLvalue(target)) this.fail()
      return { type: 'incdec', op, prefix: true, target }
    }
    const e = this.primary()
    if ((this.isOp('++') || this.isOp('--')) && isLvalue(e)) {
      return { type: 'incdec', op: this.next().value as '++' | '--', prefix: false, target: e }
    }
    return e
  }

  private primary(): Expr {
    const t = this.next()
    switch (t.type) {
      case 'number': return { type: 'num', value: Number(t.value) }
      case 'string': return { type: 'str', value: t.value }
      case 'regex': return { type: 'regex', source: t.value }
      case 'name':
        if (this.isOp('[')) return { type: 'index', name: t.value, keys: this.subscripts() }
        return { type: 'var', name: t.value }
      case 'builtin': return this.builtinCall(t.value)
      case 'func': return this.fail(`calling undefined function ${t.value}`)
      case 'op':
        if (t.value === '$') {
          this.enter()
          const index = this.isOp('++') || this.isOp('--') || this.isOp('-') ? this.unary() : this.primary()
          this.depth--
          return { type: 'field', index }
        }
        if (t.value === '(') return this.grouping()
    }
    this.k--
    return this.fail()
  }

  private grouping(): Expr {
    const outer = this.noGreater
    this.noGreater = false
    try {
      const list = this.exprList()
      this.expectOp(')')
      if (list.length > 1) {
        if (this.isKeyword('in')) { this.next(); return { type: 'in', keys: list, array: this.expect('name').value } }
        // Only print accepts `(a, b)`; it unpacks the list (see printStatement).
        return { type: 'group', expr: Object.assign({ type: 'str', value: '' } as Expr, { list }) }
      }
      return { type: 'group', expr: list[0] }
    } finally {
      this.noGreater = outer
    }
  }

  private builtinCall(name: string): Expr {
    if (!this.isOp('(')) {
      if (name === 'length') return { type: 'call', name, args: [] }
      return this.fail()
    }
    this.next()
    const args = this.isOp(')') ? [] : this.exprList()
    this.expectOp(')')
    return { type: 'call', name, args }
  }

  private subscripts(): Expr[] {
    this.expectOp('[')
    const keys = this.exprList()
    this.expectOp(']')
    return keys
  }

  // ---- token helpers ----

  private terminators(): void {
    while (this.at('newline') || this.isOp(';')) this.next()
  }

  private newlines(): void {
    while (this.at('newline')) this.next()
  }

  private endsStatement(): boolean {
    return this.at('newline') || this.at('eof') || this.isOp(';') || this.isOp('}')
  }

  private endSimple(): void {
    if (!this.endsStatement()) this.fail()
    if (this.isOp(';') || this.at('newline')) this.next()
  }

  private enter(): void {
    if (++this.depth > MAX_PARSE_DEPTH) this.fail('program too deeply nested')
  }

  private peek(): Token { return this.tokens[this.k] }
  private next(): Token { return this.tokens[Math.min(this.k++, this.tokens.length - 1)] }
  private at(type: Token['type']): boolean { return this.peek().type === type }
  private isOp(v: string): boolean { const t = this.peek(); return t.type === 'op' && t.value === v }
  private isKeyword(v: string): boolean { const t = this.peek(); return t.type === 'keyword' && t.value === v }

  private expectOp(v: string): void {
    if (!this.isOp(v)) this.fail()
    this.next()
  }

  private expect(type: Token['type']): Token {
    if (!this.at(type)) this.fail()
    return this.next()
  }

  private fail(message = 'syntax error'): never {
    const t = this.peek()
    throw new AwkSyntaxError(message, t.line, t.pos)
  }
}

function isLvalue(e: Expr): boolean {
  return e.type === 'var' || e.type === 'index' || e.type === 'field'
}
