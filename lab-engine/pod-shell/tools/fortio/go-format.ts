// Go's number and duration printing, as fortio's report uses it (fmt %g, %.Ng, %.Nf, time.Duration.String).
//
// fortio prints every statistic through Go's fmt package, so the simulator must
// round and switch to exponent notation exactly where Go does:
// - %g uses the shortest digits that round-trip and exponent form when the
//   exponent is < -4 or >= 6 (Go strconv.FormatFloat 'g' with precision -1);
// - %.Ng rounds to N significant digits, drops trailing zeros, and uses exponent
//   form when the exponent is < -4 or >= N (fewer when fewer digits remain);
// - exponents have a sign and at least two digits (`9.9328e-05`).

/** Go's %g: shortest round-trip digits. */
export function goG(x: number): string {
  return formatG(x, undefined)
}

/** Go's %v of a float64: shortest digits, exponent form only below 1e-4 or from 1e21. */
export function goV(x: number): string {
  return formatG(x, undefined, 21)
}

/** Go's %.<prec>g. */
export function goGPrec(x: number, prec: number): string {
  return formatG(x, Math.max(1, prec))
}

/** Go's %.<decimals>f (JavaScript's toFixed rounds the exact binary value the same way in practice). */
export function goF(x: number, decimals: number): string {
  if (!Number.isFinite(x)) return special(x)
  return x.toFixed(decimals)
}

/** Go's %t. */
export function goBool(b: boolean): string {
  return b ? 'true' : 'false'
}

function special(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  return x > 0 ? '+Inf' : '-Inf'
}

function formatG(x: number, prec: number | undefined, shortestLimit = 6): string {
  if (!Number.isFinite(x)) return special(x)
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  const neg = x < 0
  const exp = prec === undefined ? Math.abs(x).toExponential() : Math.abs(x).toExponential(prec - 1)
  const [mant, e] = exp.split('e') as [string, string]
  const digits = mant.replace('.', '').replace(/0+$/, '') || '0'
  const exponent = Number(e)
  const nd = digits.length
  const dp = exponent + 1
  let eprec = prec ?? shortestLimit
  if (prec !== undefined && eprec > nd && nd >= dp) eprec = nd
  const body = exponent < -4 || exponent >= eprec ? expForm(digits, exponent) : fixedForm(digits, dp)
  return (neg ? '-' : '') + body
}

function expForm(digits: string, exponent: number): string {
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  const abs = Math.abs(exponent)
  return `${mant}e${exponent < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`
}

function fixedForm(digits: string, dp: number): string {
  if (dp <= 0) return `0.${'0'.repeat(-dp)}${digits}`
  if (dp >= digits.length) return digits + '0'.repeat(dp - digits.length)
  return `${digits.slice(0, dp)}.${digits.slice(dp)}`
}

const NS_PER_MS = 1e6

/**
 * time.Duration.String() for a duration in milliseconds (rounded to whole
 * nanoseconds): `59.8524ms`, `1m0.240870773s`, `1h0m0s`, `0s`.
 */
export function goDuration(ms: number): string {
  let ns = Math.round(ms * NS_PER_MS)
  if (ns === 0) return '0s'
  const sign = ns < 0 ? '-' : ''
  ns = Math.abs(ns)
  if (ns < 1000) return `${sign}${ns}ns`
  if (ns < 1e6) return `${sign}${fraction(ns, 3)}µs`
  if (ns < 1e9) return `${sign}${fraction(ns, 6)}ms`
  const totalSeconds = Math.floor(ns / 1e9)
  const frac = ns - totalSeconds * 1e9
  const h = Math.floor(totalSeconds / 3600)
  const m = Math.floor((totalSeconds % 3600) / 60)
  const s = totalSeconds % 60
  const secs = frac === 0 ? `${s}` : `${s}.${String(frac).padStart(9, '0').replace(/0+$/, '')}`
  if (h > 0) return `${sign}${h}h${m}m${secs}s`
  if (m > 0) return `${sign}${m}m${secs}s`
  return `${sign}${secs}s`
}

/** An integer count of units split at `digits` places, trailing zeros dropped (Go's fmtFrac). */
function fraction(n: number, digits: number): string {
  const unit = 10 ** digits
  const whole = Math.floor(n / unit)
  const rest = n - whole * unit
  return rest === 0 ? `${whole}` : `${whole}.${String(rest).padStart(digits, '0').replace(/0+$/, '')}`
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 }

/** time.ParseDuration, in milliseconds; undefined where Go returns an error (`1.5h`, `300ms`, `1h30m`, `0`). */
export function parseGoDuration(raw: string): number | undefined {
  const m = /^([+-]?)(.*)$/s.exec(raw)!
  const rest = m[2]!
  if (rest === '0') return 0
  if (rest === '' || !/^((\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(rest)) return undefined
  let ns = 0
  for (const part of rest.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) ns += Number(part[1]) * UNIT_NS[part[2]!]!
  const ms = ns / NS_PER_MS
  return m[1] === '-' ? -ms : ms
}
