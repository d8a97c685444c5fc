// PromQL queries: parse, evaluate at one simulated instant, and answer in the Prometheus HTTP API's shape.
//
// Prometheus docs, "HTTP API" (/api/v1/query): data is { resultType, result };
// a vector is [{ metric, value: [<unix seconds>, "<value>"] }], a scalar is
// [<unix seconds>, "<value>"], a matrix is [{ metric, values: [[t, "v"], ...] }].
// Results are sorted by label set here so identical runs print identically;
// sort() and sort_desc() keep their own order.

import { formatSampleValue, labelsKey, type Labels } from './labels'
import type { MetricRegistry } from './metrics'
import { evaluate, type EvalOptions } from './promql-eval'
import type { Expr } from './promql-ast'
import { parsePromQL } from './promql-parser'
import { PromQLError } from './promql-lexer'
import type { Value, VectorSample } from './promql-values'

export { PromQLError, MAX_QUERY_LENGTH } from './promql-lexer'
export { MAX_NESTING_DEPTH, MAX_REGEX_LENGTH, parsePromQL } from './promql-parser'
export { DEFAULT_LOOKBACK_MS, MAX_QUERY_SAMPLES, MAX_RANGE_MS, type EvalOptions } from './promql-eval'
export type { Value } from './promql-values'

export type PromSampleValue = [number, string]

export type PromQueryResult =
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: PromSampleValue }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: PromSampleValue[] }[] }
  | { resultType: 'scalar'; result: PromSampleValue }
  | { resultType: 'string'; result: [number, string] }

/** Evaluates a query at `timeMs` and returns the internal value (numbers, not strings). Throws PromQLError. */
export function evaluatePromQL(registry: MetricRegistry, query: string, timeMs: number, opts?: EvalOptions): Value {
  const expr = parsePromQL(query)
  const value = evaluate(expr, registry, timeMs, opts)
  if (value.type !== 'vector') return value
  checkUniqueLabelSets(value.samples)
  return keepsOrder(expr) ? value : { type: 'vector', samples: sortSamples(value.samples) }
}

/** Prometheus refuses a result where two samples lost their only difference (the metric name). */
function checkUniqueLabelSets(samples: readonly VectorSample[]): void {
  const seen = new Set<string>()
  for (const s of samples) {
    const key = labelsKey(s.labels)
    if (seen.has(key)) throw new PromQLError('vector cannot contain metrics with the same labelset')
    seen.add(key)
  }
}

/** Evaluates a query at `timeMs` and answers as Prometheus's /api/v1/query does. Throws PromQLError. */
export function queryPromQL(registry: MetricRegistry, query: string, timeMs: number, opts?: EvalOptions): PromQueryResult {
  const value = evaluatePromQL(registry, query, timeMs, opts)
  const sec = timeMs / 1000
  switch (value.type) {
    case 'scalar':
      return { resultType: 'scalar', result: [sec, formatSampleValue(value.v)] }
    case 'string':
      return { resultType: 'string', result: [sec, value.v] }
    case 'vector':
      return { resultType: 'vector', result: value.samples.map((s) => ({ metric: { ...s.labels }, value: [sec, formatSampleValue(s.v)] })) }
    case 'matrix':
      return {
        resultType: 'matrix',
        result: [...value.series]
          .sort((a, b) => compareLabels(a.labels, b.labels))
          .map((s) => ({ metric: { ...s.labels }, values: s.samples.map((p): PromSampleValue => [p.t / 1000, formatSampleValue(p.v)]) })),
      }
  }
}

/** Prometheus's limit on points per series in a range query. */
export const MAX_RANGE_POINTS = 11_000

/**
 * Evaluates a query at every step from start to end (Prometheus's
 * /api/v1/query_range), for the UI's graphs; series are keyed by label set.
 */
export function queryRangePromQL(
  registry: MetricRegistry,
  query: string,
  startMs: number,
  endMs: number,
  stepMs: number,
  opts?: EvalOptions,
): Extract<PromQueryResult, { resultType: 'matrix' }> {
  if (!(stepMs > 0)) throw new PromQLError('zero or negative query resolution step widths are not accepted. Try a positive integer')
  if (endMs < startMs) throw new PromQLError('end timestamp must not be before start time')
  if ((endMs - startMs) / stepMs + 1 > MAX_RANGE_POINTS) {
    throw new PromQLError(`exceeded maximum resolution of ${MAX_RANGE_POINTS} points per timeseries. Try decreasing the query resolution (?step=XX)`)
  }
  const expr = parsePromQL(query)
  const series = new Map<string, { metric: Record<string, string>; values: PromSampleValue[] }>()
  for (let t = startMs; t <= endMs; t += stepMs) {
    const v = evaluate(expr, registry, t, opts)
    if (v.type === 'matrix' || v.type === 'string') throw new PromQLError(`invalid expression type "${v.type === 'matrix' ? 'range vector' : 'string'}" for range query, must be Scalar or instant Vector`)
    const samples: VectorSample[] = v.type === 'scalar' ? [{ labels: {}, v: v.v }] : [...v.samples]
    for (const s of samples) {
      const key = labelsKey(s.labels)
      const entry = series.get(key) ?? { metric: { ...s.labels }, values: [] }
      entry.values.push([t / 1000, formatSampleValue(s.v)])
      series.set(key, entry)
    }
  }
  const result = [...series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e)
  return { resultType: 'matrix', result }
}

/** A vector result as plain numbers keyed by label set, for graders and the UI graph. */
export function vectorValues(value: Value): { labels: Labels; value: number }[] {
  if (value.type === 'scalar') return [{ labels: {}, value: value.v }]
  if (value.type !== 'vector') return []
  return value.samples.map((s) => ({ labels: s.labels, value: s.v }))
}

function keepsOrder(e: Expr): boolean {
  while (e.kind === 'paren') e = e.expr
  return e.kind === 'call' && (e.func === 'sort' || e.func === 'sort_desc')
}

function sortSamples(samples: readonly VectorSample[]): VectorSample[] {
  return [...samples].sort((a, b) => compareLabels(a.labels, b.labels))
}

function compareLabels(a: Labels, b: Labels): number {
  const ka = labelsKey(a)
  const kb = labelsKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
