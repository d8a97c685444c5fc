// awk printf/sprintf: C-style conversions %c %d %i %o %x %X %u %e %E %f %g %G %s %% with flags, width, precision and `*`.
import { formatG, toNum, toStr, type Value } from './values'

/** Widths and precisions above this are clamped, so `%999999999d` cannot build a huge string. */
const MAX_WIDTH = 4096
const SPEC = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([cdiouxXeEfFgGs%])/g

export function awkSprintf(format: string, args: Value[]): string {
  let used = 0
  const next = (): Value => args[used++] ?? ''
  const out = format.replace(SPEC, (_m, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%'
    let w = width === '*' ? Math.trunc(toNum(next())) : width ? Number(width) : 0
    let f = flags
    if (w < 0) { f += '-'; w = -w }
    const p = prec === undefined ? undefined : prec === '*' ? Math.trunc(toNum(next())) : Number(prec || 0)
    const body = convert(conv, next(), p === undefined ? undefined : Math.min(p, MAX_WIDTH), f)
    return pad(body, Math.min(w, MAX_WIDTH), f, conv !== 's' && conv !== 'c')
  })
  return out
}

function convert(conv: string, v: Value, prec: number | undefined, flags: string): string {
  if (conv === 's') { const s = toStr(v); return prec === undefined ? s : s.slice(0, prec) }
  if (conv === 'c') return typeof v === 'number' ? String.fromCharCode(v) : toStr(v).slice(0, 1)
  const n = toNum(v)
  const sign = (s: string) => (s.startsWith('-') ? s : flags.includes('+') ? '+' + s : flags.includes(' ') ? ' ' + s : s)
  const int = Number.isFinite(n) ? Math.trunc(n) : 0
  switch (conv) {
    case 'd': case 'i': return sign(withPrecision(String(Math.abs(int)), prec, int < 0))
    case 'u': return String(int < 0 ? int + 2 ** 32 : int)
    case 'o': return (flags.includes('#') ? '0' : '') + Math.abs(int).toString(8)
    case 'x': return (flags.includes('#') && int ? '0x' : '') + Math.abs(int).toString(16)
    case 'X': return (flags.includes('#') && int ? '0X' : '') + Math.abs(int).toString(16).toUpperCase()
    case 'e': case 'E': {
      const s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2')
      return sign(conv === 'E' ? s.toUpperCase() : s)
    }
    case 'g': case 'G': return sign(formatG(n, prec ?? 6, flags.includes('#'), conv === 'G'))
    default: return sign(n.toFixed(prec ?? 6))
  }
}

function withPrecision(digits: string, prec: number | undefined, negative: boolean): string {
  const body = prec !== undefined && digits.length < prec ? digits.padStart(prec, '0') : digits
  return (negative ? '-' : '') + body
}

function pad(body: string, width: number, flags: string, numeric: boolean): string {
  if (body.length >= width) return body
  if (flags.includes('-')) return body.padEnd(width)
  if (flags.includes('0') && numeric) {
    const lead = /^[-+ ]/.test(body) ? body[0] : ''
    return lead + body.slice(lead.length).padStart(width - lead.length, '0')
  }
  return body.padStart(width)
}
