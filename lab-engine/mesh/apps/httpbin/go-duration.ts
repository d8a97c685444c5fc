// Go's time.ParseDuration and Duration.String, for go-httpbin's /delay and fortio's ?delay=.
//
// Go syntax: an optional sign, then one or more decimal numbers each with a
// unit (ns, us, µs, ms, s, m, h), e.g. `1.5s`, `1m30s`, `250ms`; a bare "0" is
// allowed. String() prints `1m30s`, `1.5s`, `250ms`, `0s`.

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Milliseconds, or undefined where Go returns an error. */
export function parseGoDuration(raw: string): number | undefined {
  const m = /^([+-]?)(.*)$/.exec(raw)!
  const rest = m[2]!
  if (rest === '0') return 0
  if (!/^((\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(rest)) return undefined
  let total = 0
  for (const part of rest.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_MS[part[2]!]!
  return m[1] === '-' ? -total : total
}

function trimFraction(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.?0+$/, '')
}

/** Duration.String() for a duration given in ms. */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s'
  const sign = ms < 0 ? '-' : ''
  const a = Math.abs(ms)
  if (a < 1e-3) return `${sign}${Math.round(a * 1e6)}ns`
  if (a < 1) return `${sign}${trimFraction(a * 1000, 3)}µs`
  if (a < 1000) return `${sign}${trimFraction(a, 6)}ms`
  const h = Math.floor(a / 3_600_000)
  const m = Math.floor((a % 3_600_000) / 60_000)
  const s = trimFraction((a % 60_000) / 1000, 9)
  if (h > 0) return `${sign}${h}h${m}m${s}s`
  if (m > 0) return `${sign}${m}m${s}s`
  return `${sign}${s}s`
}
