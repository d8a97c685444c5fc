// Kubernetes resource quantities ("100Mi", "250m", "1.5G", "2e3"), parsed only to compare them.
//
// Follows k8s.io/apimachinery/pkg/api/resource/quantity.go (ParseQuantity, parseQuantityString)
// and suffix.go: an optional sign, digits with an optional fraction, then "", a decimal SI
// suffix (n u m k M G T P E), a binary one (Ki Mi Gi Ti Pi Ei) or an exponent (e3, E-2).
// The scanner's quirks are kept: a sign or a suffix alone ("-", "m") is zero, "1." is one.
// Values finer than a nano are rounded away from zero to the next nano, and binary ones
// are capped at 2^63-1, as ParseQuantity does. Exponents beyond +/-MAX_EXPONENT are
// clamped (a comparison aid, not a calculator).

/** value = mantissa * 10^exp10. */
export interface Quantity { mantissa: bigint; exp10: number }

const DECIMAL_SI: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 }
const BINARY_SI: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 }
const SUFFIX_CHARS = 'eEinumkKMGTP'
const MAX_EXPONENT = 1000
const NANO = -9
const MAX_INT64 = (1n << 63n) - 1n

/** ParseQuantity; undefined where it returns an error. */
export function parseQuantity(s: string): Quantity | undefined {
  if (s === '') return undefined
  const scanned = scan(s)
  if (!scanned) return undefined
  const { negative, num, denom, suffix } = scanned
  let mantissa = BigInt(num + denom)
  let exp10 = -denom.length
  if (suffix in DECIMAL_SI) exp10 += DECIMAL_SI[suffix]!
  else if (suffix in BINARY_SI) mantissa *= 1n << BigInt(BINARY_SI[suffix]!)
  else if (/^[eE][+-]?\d+$/.test(suffix)) exp10 += clamp(Number(suffix.slice(1)))
  else return undefined
  let q = roundUpToNano({ mantissa, exp10 })
  if (suffix in BINARY_SI && compareQuantities(q, { mantissa: MAX_INT64, exp10: 0 }) > 0) q = { mantissa: MAX_INT64, exp10: 0 }
  return negative ? { mantissa: -q.mantissa, exp10: q.exp10 } : q
}

/** -1, 0 or 1, as Quantity.Cmp. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const e = Math.min(a.exp10, b.exp10)
  const x = a.mantissa * 10n ** BigInt(a.exp10 - e)
  const y = b.mantissa * 10n ** BigInt(b.exp10 - e)
  return x < y ? -1 : x > y ? 1 : 0
}

/** parseQuantityString: sign, integer digits (leading zeros dropped), fraction digits, suffix. */
function scan(s: string): { negative: boolean; num: string; denom: string; suffix: string } | undefined {
  let pos = 0
  const negative = s[0] === '-'
  if (s[0] === '-' || s[0] === '+') pos++
  const numStart = pos
  while (pos < s.length && isDigit(s[pos]!)) pos++
  const num = s.slice(numStart, pos) || '0'
  let denom = ''
  if (s[pos] === '.') {
    const start = ++pos
    while (pos < s.length && isDigit(s[pos]!)) pos++
    denom = s.slice(start, pos)
  }
  const suffixStart = pos
  while (pos < s.length && SUFFIX_CHARS.includes(s[pos]!)) pos++
  if (s[pos] === '-' || s[pos] === '+') pos++
  while (pos < s.length && isDigit(s[pos]!)) pos++
  if (pos < s.length) return undefined
  return { negative, num, denom, suffix: s.slice(suffixStart) }
}

/** inf.RoundUp at scale 9 on the magnitude: 0.1n becomes 1n, -0.1n becomes -1n. */
function roundUpToNano(q: Quantity): Quantity {
  if (q.exp10 >= NANO || q.mantissa === 0n) return q
  const divisor = 10n ** BigInt(NANO - q.exp10)
  const magnitude = q.mantissa < 0n ? -q.mantissa : q.mantissa
  const rounded = (magnitude + divisor - 1n) / divisor
  return { mantissa: q.mantissa < 0n ? -rounded : rounded, exp10: NANO }
}

function clamp(e: number): number {
  return Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, e))
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}
