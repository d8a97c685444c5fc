// PromQL tokenizer: turns a query into tokens with their offsets, for the recursive-descent parser.
//
// Prometheus docs, "Querying basics": string literals in "", '' (with escapes)
// or `` (raw); float literals including Inf and NaN; time durations are a number
// followed by a unit (ms, s, m, h, d, w, y) and may be chained (1h30m).

/** Queries longer than this are refused before lexing. */
export const MAX_QUERY_LENGTH = 4_096

export type TokenType = 'ident' | 'number' | 'string' | 'duration' | 'op' | '(' | ')' | '{' | '}' | '[' | ']' | ',' | ':' | 'eof'

export interface Token {
  readonly type: TokenType
  /** Identifier or operator text, decoded string contents, or the raw number/duration text. */
  readonly text: string
  /** Numeric value for numbers; milliseconds for durations. */
  readonly value?: number
  /** 0-based offset in the query. */
  readonly pos: number
}

/** A parse error at a query offset; `message` reads like Prometheus's: `1:5: parse error: ...`. */
export class PromQLError extends Error {
  override name = 'PromQLError'
  constructor(readonly detail: string, readonly pos?: number) {
    super(pos === undefined ? detail : `1:${pos + 1}: parse error: ${detail}`)
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 }
const OPERATORS = ['==', '!=', '<=', '>=', '=~', '!~', '<', '>', '=', '+', '-', '*', '/', '%', '^']
const PUNCT = new Set(['(', ')', '{', '}', '[', ']', ',', ':'])
const IDENT_START = /[a-zA-Z_:]/
const IDENT_PART = /[a-zA-Z0-9_:]/
const DIGIT = /[0-9]/
/** What may not directly follow a number or duration (':' may, for subquery steps). */
const NUM_TRAIL = /[a-zA-Z0-9_]/

export function tokenize(query: string): Token[] {
  if (query.length > MAX_QUERY_LENGTH) throw new PromQLError(`query is longer than ${MAX_QUERY_LENGTH} characters`)
  const tokens: Token[] = []
  let i = 0
  while (i < query.length) {
    const c = query[i]!
    if (/\s/.test(c)) i++
    else if (c === '#') while (i < query.length && query[i] !== '\n') i++
    else if (c === ':' && tokens[tokens.length - 1]?.type === 'duration') tokens.push({ type: ':', text: ':', pos: i++ })
    else {
      const tok = readToken(query, i)
      tokens.push(tok.token)
      i = tok.end
    }
  }
  tokens.push({ type: 'eof', text: '', pos: query.length })
  return tokens
}

function readToken(q: string, i: number): { token: Token; end: number } {
  const c = q[i]!
  if (c === '"' || c === "'" || c === '`') return readString(q, i)
  if (DIGIT.test(c) || (c === '.' && DIGIT.test(q[i + 1] ?? ''))) return readNumberOrDuration(q, i)
  if (IDENT_START.test(c)) {
    let end = i + 1
    while (end < q.length && IDENT_PART.test(q[end]!)) end++
    return { token: { type: 'ident', text: q.slice(i, end), pos: i }, end }
  }
  if (PUNCT.has(c)) return { token: { type: c as TokenType, text: c, pos: i }, end: i + 1 }
  const op = OPERATORS.find((o) => q.startsWith(o, i))
  if (op) return { token: { type: 'op', text: op, pos: i }, end: i + op.length }
  throw new PromQLError(`unexpected character: ${JSON.stringify(c)}`, i)
}

function readString(q: string, start: number): { token: Token; end: number } {
  const quote = q[start]!
  let out = ''
  let i = start + 1
  while (i < q.length && q[i] !== quote) {
    if (q[i] === '\\' && quote !== '`') {
      const e = q[i + 1]
      if (e === undefined) break
      out += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e
      i += 2
    } else out += q[i++]
  }
  if (i >= q.length) throw new PromQLError('unterminated quoted string', start)
  return { token: { type: 'string', text: out, pos: start }, end: i + 1 }
}

function readNumberOrDuration(q: string, start: number): { token: Token; end: number } {
  const hex = /^0[xX][0-9a-fA-F]+/.exec(q.slice(start))
  if (hex) return { token: { type: 'number', text: hex[0], value: Number(hex[0]), pos: start }, end: start + hex[0].length }
  const dur = /^(?:[0-9]+(?:ms|s|m|h|d|w|y))+/.exec(q.slice(start))
  if (dur && !NUM_TRAIL.test(q[start + dur[0].length] ?? '')) {
    return { token: { type: 'duration', text: dur[0], value: durationMs(dur[0]), pos: start }, end: start + dur[0].length }
  }
  const num = /^(?:[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.)/.exec(q.slice(start))!
  const end = start + num[0].length
  if (NUM_TRAIL.test(q[end] ?? '')) throw new PromQLError(`bad number or duration syntax: ${JSON.stringify(q.slice(start, end + 1))}`, start)
  return { token: { type: 'number', text: num[0], value: Number(num[0]), pos: start }, end }
}

/** Milliseconds in a chained duration such as 1h30m; units must descend, as Prometheus requires. */
export function durationMs(text: string): number {
  let total = 0
  let lastUnit = Infinity
  for (const m of text.matchAll(/([0-9]+)(ms|s|m|h|d|w|y)/g)) {
    const unit = UNIT_MS[m[2]!]!
    if (unit >= lastUnit) throw new PromQLError(`not a valid duration string: ${JSON.stringify(text)}`)
    lastUnit = unit
    total += Number(m[1]) * unit
  }
  return total
}
