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
  return value.type === 'vector' && !keepsOrder(expr) ? { type: 'vector', samples: sortSamples(value.samples) } : value
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
