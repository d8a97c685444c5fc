// Arithmetic lexer: bash's readtok() for `$((...))`, `((...))` and `let` — tokens, numbers in any base.

/** Thrown with bash's text (`division by 0`, ...); the evaluator adds the expression and error token. */
export class ArithFault extends Error {}

export type TokKind = 'num' | 'id' | 'op' | 'eof'

export interface Token {
  kind: TokKind
  /** The operator's text (`+`, `<<=`, `++pre`, `++post`), the identifier's name, or the number's digits. */
  text: string
  /** Where the token starts: bash's `lasttp`, the start of the "error token is" text. */
  at: number
}

/** Longest operators first, so `<<=` wins over `<<` over `<`. */
const OPERATORS = [
  '<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '++', '--', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', '(', ')', ',',
]

const ID_START = /[A-Za-z_]/
const ID_CHAR = /[A-Za-z0-9_]/
const NUM_CHAR = /[0-9A-Za-z_@#]/

/**
 * Reads the token at `pos`. `prev` tells `x++` (post-increment after a name) from `++x`
 * (pre-increment before a name) from `1 ++2` (two plus signs), as bash's readtok does.
 */
export function readToken(s: string, pos: number, prev: TokKind): { tok: Token; end: number } {
  while (pos < s.length && /[ \t\n]/.test(s[pos])) pos++
  if (pos >= s.length) return { tok: { kind: 'eof', text: '', at: pos }, end: pos }
  const at = pos
  if (ID_START.test(s[pos])) {
    while (pos < s.length && ID_CHAR.test(s[pos])) pos++
    return { tok: { kind: 'id', text: s.slice(at, pos), at }, end: pos }
  }
  if (/[0-9]/.test(s[pos])) {
    while (pos < s.length && NUM_CHAR.test(s[pos])) pos++
    return { tok: { kind: 'num', text: s.slice(at, pos), at }, end: pos }
  }
  const op = OPERATORS.find((o) => s.startsWith(o, pos))
  if (!op) throw new ArithFault('syntax error: invalid arithmetic operator')
  if (op === '++' || op === '--') return incDec(s, op, at, prev)
  return { tok: { kind: 'op', text: op, at }, end: at + op.length }
}

function incDec(s: string, op: string, at: number, prev: TokKind): { tok: Token; end: number } {
  if (prev === 'id') return { tok: { kind: 'op', text: `${op}post`, at }, end: at + 2 }
  const rest = s.slice(at + 2).replace(/^[ \t\n]+/, '')
  if (prev !== 'num' && ID_START.test(rest[0] ?? '')) return { tok: { kind: 'op', text: `${op}pre`, at }, end: at + 2 }
  return { tok: { kind: 'op', text: op[0], at }, end: at + 1 }
}

/**
 * bash's strlong(): `0x1f` hex, `017` octal, `base#digits` for bases 2-64, else decimal.
 * Digits past 9 are a-z, then A-Z (same as a-z up to base 36), then `@` and `_`.
 */
export function parseNumber(text: string): bigint {
  let base = 10n
  let digits = text
  const hash = text.indexOf('#')
  if (hash >= 0) {
    const b = text.slice(0, hash)
    if (!/^[0-9]+$/.test(b) || Number(b) < 2 || Number(b) > 64) throw new ArithFault('invalid arithmetic base')
    base = BigInt(b)
    digits = text.slice(hash + 1)
    if (digits === '') throw new ArithFault('invalid integer constant')
  } else if (/^0[xX]/.test(text)) {
    base = 16n
    digits = text.slice(2)
  } else if (text.length > 1 && text[0] === '0') {
    base = 8n
    digits = text.slice(1)
  }
  let value = 0n
  for (const ch of digits) {
    const d = digitValue(ch, base)
    if (d === null) throw new ArithFault('invalid number')
    if (d >= base) throw new ArithFault('value too great for base')
    value = BigInt.asIntN(64, value * base + d)
  }
  return value
}

function digitValue(ch: string, base: bigint): bigint | null {
  const c = ch.charCodeAt(0)
  if (c >= 48 && c <= 57) return BigInt(c - 48)
  if (c >= 97 && c <= 122) return BigInt(c - 97 + 10)
  if (c >= 65 && c <= 90) return BigInt(c - 65 + (base <= 36n ? 10 : 36))
  if (ch === '@') return 62n
  if (ch === '_') return 63n
  return null
}
