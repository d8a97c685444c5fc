// Chart geometry for the telemetry tab's hand-drawn SVG: linear scales, round ticks, line paths with gaps, and number formats.
//
// No chart library: three small line charts and a histogram do not need one,
// and the workbench's initial JS stays small. Pure functions, tested beside.

export interface Scale {
  (v: number): number
  readonly domain: readonly [number, number]
  readonly range: readonly [number, number]
}

/** Maps [d0, d1] onto [r0, r1]; a zero-width domain maps everything to r0. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain
  const [r0, r1] = range
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0)
  return Object.assign((v: number) => r0 + (v - d0) * k, { domain, range })
}

/** A "nice" step (1, 2 or 5 times a power of ten) giving about `count` ticks over [0, max]. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0)) return 1
  const raw = max / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const f = raw / power
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
}

/** Ticks from 0 up to the first step at or above max (so the top tick bounds the data). */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count)
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step)
  const ticks: number[] = []
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(round(v))
  return ticks
}

/**
 * An SVG path through the points; a null value breaks the line (no traffic in
 * that step is a gap, not a drop to zero). A lone point becomes a dot-sized segment.
 */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  let d = ''
  let open = false
  points.forEach((p, i) => {
    if (p.y === null) { open = false; return }
    const next = points[i + 1]
    const lone = !open && (next === undefined || next.y === null)
    d += `${open ? 'L' : 'M'}${fmt(p.x)},${fmt(p.y)}`
    if (lone) d += `h0.01`
    open = true
  })
  return d
}

/** Time tick labels relative to the end: "-10m", "-5m", "now". */
export function relativeTimeLabel(t: number, endMs: number): string {
  const s = Math.round((endMs - t) / 1000)
  if (s <= 0) return 'now'
  if (s < 60) return `-${s}s`
  const m = s / 60
  return `-${Number.isInteger(m) ? m : m.toFixed(1)}m`
}

/** About `count` time ticks on whole minutes (or whole steps for short ranges), ending at endMs. */
export function timeTicks(startMs: number, endMs: number, count = 5): number[] {
  const span = endMs - startMs
  if (span <= 0) return [endMs]
  const minute = 60_000
  const candidates = [15_000, 30_000, minute, 2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute]
  const step = candidates.find((c) => span / c <= count) ?? 60 * minute
  const ticks: number[] = []
  for (let t = endMs; t >= startMs; t -= step) ticks.unshift(t)
  return ticks
}

/** Latency for labels: µs below 1 ms, ms below 1 s, else s. */
export function formatMs(ms: number): string {
  if (ms < 1) return `${trim(ms * 1000, 0)} µs`
  if (ms < 1000) return `${trim(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`
  return `${trim(ms / 1000, 2)} s`
}

export function formatRate(rps: number): string {
  return `${trim(rps, rps < 10 ? 2 : 1)} req/s`
}

export function formatPercent(share: number): string {
  return `${trim(share * 100, share < 0.1 ? 1 : 0)} %`
}

function trim(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)))
}

function round(v: number): number {
  return Number(v.toPrecision(12))
}

function fmt(v: number): string {
  return String(Math.round(v * 100) / 100)
}
