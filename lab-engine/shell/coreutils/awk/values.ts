// awk values: numbers, strings, and "strnums" (input text that compares as a number when it looks like one).

/** Input-derived text (fields, -v values, split() pieces): numeric comparison when it looks numeric. */
export class StrNum {
  readonly numeric: boolean
  constructor(readonly text: string, numeric?: boolean) {
    this.numeric = numeric ?? looksNumeric(text)
  }
}

export type Value = number | string | StrNum

/** An unset variable: "" as a string, 0 as a number, and compares numerically with numbers. */
export const UNINIT = new StrNum('', true)

const NUMERIC_PREFIX = /^[ \t\n]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/
const FULLY_NUMERIC = /^[ \t\n]*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?[ \t\n]*$/

export function looksNumeric(s: string): boolean {
  return FULLY_NUMERIC.test(s)
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v
  const s = typeof v === 'string' ? v : v.text
  const m = NUMERIC_PREFIX.exec(s)
  return m ? Number(m[0].trim()) : 0
}

/** Number -> string as awk's CONVFMT (%.6g) does, integers printed whole. */
export function toStr(v: Value): string {
  if (typeof v === 'string') return v
  if (v instanceof StrNum) return v.text
  return numberToString(v)
}

export function numberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n)
  if (Number.isNaN(n)) return 'nan'
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
  return formatG(n, 6, false)
}

export function toBool(v: Value): boolean {
  if (typeof v === 'number') return v !== 0
  if (typeof v === 'string') return v !== ''
  return v.numeric ? toNum(v) !== 0 : v.text !== ''
}

function isNumberLike(v: Value): boolean {
  return typeof v === 'number' || (v instanceof StrNum && v.numeric)
}

/** POSIX: numeric comparison when both sides are numbers or numeric strnums, else string comparison. */
export function compare(a: Value, b: Value): number {
  if (isNumberLike(a) && isNumberLike(b)) {
    const x = toNum(a), y = toNum(b)
    return x < y ? -1 : x > y ? 1 : 0
  }
  const x = toStr(a), y = toStr(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/** C's %g: precision significant digits, trailing zeros dropped (unless alt), exponent form when small or large. */
export function formatG(n: number, precision: number, alt: boolean, upper = false): string {
  const p = precision === 0 ? 1 : precision
  if (n === 0) return alt ? (0).toFixed(p - 1) : '0'
  const exp = Math.floor(Math.log10(Math.abs(Number(n.toPrecision(p)))))
  let out: string
  if (exp < -4 || exp >= p) {
    out = n.toExponential(p - 1)
    if (!alt) out = out.replace(/\.?0+e/, 'e')
    out = out.replace(/e([+-])(\d)$/, 'e$10$2')
  } else {
    out = n.toFixed(Math.max(0, p - 1 - exp))
    if (!alt && out.includes('.')) out = out.replace(/\.?0+$/, '')
  }
  return upper ? out.toUpperCase() : out
}
