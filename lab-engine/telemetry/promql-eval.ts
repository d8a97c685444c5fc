// PromQL evaluator: computes a parsed query at one simulated instant over the registry's series.
//
// Prometheus docs, "Querying basics" and "Operators": an instant selector takes
// each series' latest sample within the lookback delta (5m); a range selector
// takes the samples in (t - range, t]; arithmetic and `bool` comparisons drop the
// metric name; filter comparisons keep the left-hand (vector) value; vector
// matching is one-to-one on all labels but the name, or `on`/`ignoring` a list.

import { METRIC_NAME_LABEL, labelsKey, onlyLabels, withoutLabels, type Labels } from './labels'
import type { FlatSeries, MetricRegistry } from './metrics'
import { readerOf } from './metrics'
import { COMPARISON_OPS, SET_OPS, type BinaryOp, type Expr, type Grouping, type LabelMatcher, type VectorMatching } from './promql-ast'
import { FUNCTIONS } from './promql-functions'
import { PromQLError } from './promql-lexer'
import { scalar, vector, type Value, type VectorSample } from './promql-values'

/** Prometheus's default query.lookback-delta. */
export const DEFAULT_LOOKBACK_MS = 5 * 60_000

/** Samples one query may read (Prometheus's query.max-samples, scaled down for a sim). */
export const MAX_QUERY_SAMPLES = 1_000_000

/** Longest range selector or offset accepted. */
export const MAX_RANGE_MS = 24 * 60 * 60_000

export interface EvalOptions {
  lookbackMs?: number
  maxSamples?: number
}

type Vec = Extract<Value, { type: 'vector' }>

interface Ctx {
  readonly registry: MetricRegistry
  readonly t: number
  readonly lookbackMs: number
  samplesLeft: number
}

export function evaluate(expr: Expr, registry: MetricRegistry, timeMs: number, opts: EvalOptions = {}): Value {
  const ctx: Ctx = { registry, t: timeMs, lookbackMs: opts.lookbackMs ?? DEFAULT_LOOKBACK_MS, samplesLeft: opts.maxSamples ?? MAX_QUERY_SAMPLES }
  return evalExpr(expr, ctx)
}

function evalExpr(e: Expr, ctx: Ctx): Value {
  switch (e.kind) {
    case 'number':
      return scalar(e.value)
    case 'string':
      return { type: 'string', v: e.value }
    case 'paren':
      return evalExpr(e.expr, ctx)
    case 'selector':
      return evalSelector(e, ctx)
    case 'unary':
      return evalUnary(e.op, evalExpr(e.expr, ctx))
    case 'call':
      return evalCall(e, ctx)
    case 'aggregate':
      return aggregate(e.op, e.grouping, e.param ? evalExpr(e.param, ctx) : undefined, evalExpr(e.expr, ctx) as Vec)
    case 'binary':
      return evalBinary(e, evalExpr(e.lhs, ctx), evalExpr(e.rhs, ctx))
  }
}

function evalSelector(e: Extract<Expr, { kind: 'selector' }>, ctx: Ctx): Value {
  if (Math.abs(e.offsetMs) > MAX_RANGE_MS || (e.rangeMs ?? 0) > MAX_RANGE_MS) throw new PromQLError(`ranges and offsets are limited to ${MAX_RANGE_MS / 3_600_000}h`)
  const at = ctx.t - e.offsetMs
  const series = selectSeries(ctx.registry, e.name, e.matchers)
  if (e.rangeMs === undefined) {
    const samples: VectorSample[] = []
    for (const s of series) {
      const got = s.history.sampleAt(readerOf(s), at, ctx.lookbackMs)
      spend(ctx, 1)
      if (got) samples.push({ labels: s.labels, v: got.v })
    }
    return vector(samples)
  }
  const start = at - e.rangeMs
  const out = series.map((s) => {
    const samples = readRange(s, start, at, ctx)
    spend(ctx, samples.length)
    return { labels: s.labels, samples }
  })
  return { type: 'matrix', series: out.filter((s) => s.samples.length > 0), startMs: start, endMs: at }
}

function readRange(s: FlatSeries, start: number, end: number, ctx: Ctx) {
  try {
    return s.history.samples(readerOf(s), start, end, Math.max(0, ctx.samplesLeft))
  } catch (err) {
    if (err instanceof RangeError) throw new PromQLError(TOO_MANY_SAMPLES)
    throw err
  }
}

const TOO_MANY_SAMPLES = 'query processing would load too many samples into memory'

function spend(ctx: Ctx, n: number): void {
  ctx.samplesLeft -= n
  if (ctx.samplesLeft < 0) throw new PromQLError(TOO_MANY_SAMPLES)
}

function selectSeries(registry: MetricRegistry, name: string | undefined, matchers: readonly LabelMatcher[]): FlatSeries[] {
  const names = name !== undefined ? [name] : registry.metricNames()
  const out: FlatSeries[] = []
  for (const n of names) {
    for (const s of registry.flatSeries(n)) if (matchers.every((m) => matchLabel(m, s.labels[m.name] ?? ''))) out.push(s)
  }
  return out
}

export function matchLabel(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value
    case '!=':
      return value !== m.value
    case '=~':
      return m.re!.test(value)
    case '!~':
      return !m.re!.test(value)
  }
}

function evalUnary(op: '-' | '+', v: Value): Value {
  if (op === '+') return v
  if (v.type === 'scalar') return scalar(-v.v)
  return vector((v as Vec).samples.map((s) => ({ labels: withoutLabels(s.labels, [METRIC_NAME_LABEL]), v: -s.v })))
}

function evalCall(e: Extract<Expr, { kind: 'call' }>, ctx: Ctx): Value {
  const args = e.args.map((a) => evalExpr(a, ctx))
  if (e.func === 'absent') return absent(e.args[0]!, args[0] as Vec)
  return FUNCTIONS[e.func]!.call(args, ctx.t)
}

/** absent(): 1 with the selector's equality labels when nothing matched, else empty (Prometheus docs). */
function absent(arg: Expr, v: Vec): Value {
  if (v.samples.length > 0) return vector([])
  const labels: Record<string, string> = {}
  if (arg.kind === 'selector') for (const m of arg.matchers) if (m.op === '=' && m.name !== METRIC_NAME_LABEL) labels[m.name] = m.value
  return vector([{ labels, v: 1 }])
}

function groupLabels(labels: Labels, g: Grouping | null): Labels {
  if (!g) return {}
  return g.mode === 'by' ? onlyLabels(labels, g.labels) : withoutLabels(labels, [...g.labels, METRIC_NAME_LABEL])
}

interface Group {
  labels: Labels
  values: number[]
  members: VectorSample[]
}

function aggregate(op: string, grouping: Grouping | null, param: Value | undefined, input: Vec): Value {
  const groups = new Map<string, Group>()
  for (const s of input.samples) {
    const labels = groupLabels(s.labels, grouping)
    const key = labelsKey(labels)
    const g = groups.get(key) ?? { labels, values: [], members: [] }
    g.values.push(s.v)
    g.members.push(s)
    groups.set(key, g)
  }
  if (op === 'topk' || op === 'bottomk') return topk(op, param, [...groups.values()])
  const q = param?.type === 'scalar' ? param.v : NaN
  return vector([...groups.values()].map((g) => ({ labels: g.labels, v: op === 'quantile' ? quantile(q, g.values) : reduce(op, g.values) })))
}

/** Prometheus's quantile aggregation: linear interpolation between the closest ranks. */
function quantile(q: number, values: number[]): number {
  if (values.length === 0 || Number.isNaN(q)) return NaN
  if (q < 0) return -Infinity
  if (q > 1) return Infinity
  const sorted = [...values].sort((a, b) => a - b)
  const rank = q * (sorted.length - 1)
  const lower = Math.max(0, Math.floor(rank))
  const upper = Math.min(sorted.length - 1, lower + 1)
  const weight = rank - Math.floor(rank)
  return sorted[lower]! * (1 - weight) + sorted[upper]! * weight
}

function variance(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length
}

function reduce(op: string, values: number[]): number {
  switch (op) {
    case 'group':
      return 1
    case 'stddev':
      return Math.sqrt(variance(values))
    case 'stdvar':
      return variance(values)
    case 'sum':
      return values.reduce((a, b) => a + b, 0)
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length
    case 'count':
      return values.length
    case 'max':
      return values.reduce((a, b) => (Number.isNaN(a) || b > a ? b : a), NaN)
    default:
      return values.reduce((a, b) => (Number.isNaN(a) || b < a ? b : a), NaN)
  }
}

function topk(op: 'topk' | 'bottomk', param: Value | undefined, groups: Group[]): Value {
  const k = Math.floor(param?.type === 'scalar' ? param.v : 0)
  const dir = op === 'topk' ? -1 : 1
  const out: VectorSample[] = []
  for (const g of groups) {
    const sorted = [...g.members].sort((a, b) => (Number.isNaN(a.v) ? 1 : Number.isNaN(b.v) ? -1 : dir * (a.v - b.v)))
    out.push(...sorted.slice(0, Math.max(0, k)))
  }
  return vector(out)
}

/** Go's math semantics for the arithmetic operators; comparisons give 1/0 with a keep flag. */
function binop(op: BinaryOp, l: number, r: number): { v: number; keep: boolean } {
  switch (op) {
    case '+': return { v: l + r, keep: true }
    case '-': return { v: l - r, keep: true }
    case '*': return { v: l * r, keep: true }
    case '/': return { v: l / r, keep: true }
    case '%': return { v: l % r, keep: true }
    case '^': return { v: Math.pow(l, r), keep: true }
    case '==': return cmp(l === r)
    case '!=': return cmp(l !== r)
    case '<': return cmp(l < r)
    case '<=': return cmp(l <= r)
    case '>': return cmp(l > r)
    default: return cmp(l >= r)
  }
}

const cmp = (b: boolean) => ({ v: b ? 1 : 0, keep: b })

function dropsName(op: BinaryOp, returnBool: boolean): boolean {
  return !COMPARISON_OPS.has(op) || returnBool
}

function evalBinary(e: Extract<Expr, { kind: 'binary' }>, l: Value, r: Value): Value {
  if (l.type === 'scalar' && r.type === 'scalar') return scalar(binop(e.op, l.v, r.v).v)
  if (SET_OPS.has(e.op)) return setOp(e.op, l as Vec, r as Vec, e.matching)
  if (l.type === 'scalar' || r.type === 'scalar') return vectorScalar(e, l, r)
  return vectorVector(e, l as Vec, r as Vec)
}

function vectorScalar(e: Extract<Expr, { kind: 'binary' }>, l: Value, r: Value): Value {
  const swap = l.type === 'scalar'
  const vec = (swap ? r : l) as Vec
  const k = (swap ? l : r) as Extract<Value, { type: 'scalar' }>
  const drop = dropsName(e.op, e.returnBool)
  const out: VectorSample[] = []
  for (const s of vec.samples) {
    const res = swap ? binop(e.op, k.v, s.v) : binop(e.op, s.v, k.v)
    const isCmp = COMPARISON_OPS.has(e.op)
    if (isCmp && !e.returnBool && !res.keep) continue
    const v = isCmp && !e.returnBool ? s.v : res.v
    out.push({ labels: drop ? withoutLabels(s.labels, [METRIC_NAME_LABEL]) : s.labels, v })
  }
  return vector(out)
}

function signature(labels: Labels, m: VectorMatching | null): string {
  if (m?.mode === 'on') return labelsKey(onlyLabels(labels, m.labels))
  return labelsKey(withoutLabels(labels, [...(m?.labels ?? []), METRIC_NAME_LABEL]))
}

function vectorVector(e: Extract<Expr, { kind: 'binary' }>, l: Vec, r: Vec): Value {
  const right = new Map<string, VectorSample>()
  for (const s of r.samples) {
    const sig = signature(s.labels, e.matching)
    if (right.has(sig)) throw new PromQLError(`found duplicate series for the match group on the right hand-side of the operation: many-to-many matching not allowed: matching labels must be unique on one side`)
    right.set(sig, s)
  }
  const seen = new Set<string>()
  const out: VectorSample[] = []
  for (const s of l.samples) {
    const sig = signature(s.labels, e.matching)
    const other = right.get(sig)
    if (!other) continue
    if (seen.has(sig)) throw new PromQLError('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)')
    seen.add(sig)
    const res = binop(e.op, s.v, other.v)
    const isCmp = COMPARISON_OPS.has(e.op)
    if (isCmp && !e.returnBool && !res.keep) continue
    out.push({ labels: resultLabels(s.labels, e), v: isCmp && !e.returnBool ? s.v : res.v })
  }
  return vector(out)
}

function resultLabels(labels: Labels, e: Extract<Expr, { kind: 'binary' }>): Labels {
  let out: Labels = dropsName(e.op, e.returnBool) ? withoutLabels(labels, [METRIC_NAME_LABEL]) : labels
  if (e.matching?.mode === 'on') out = onlyLabels(out, e.matching.labels)
  else if (e.matching) out = withoutLabels(out, e.matching.labels)
  return out
}

function setOp(op: BinaryOp, l: Vec, r: Vec, m: VectorMatching | null): Value {
  const rightSigs = new Set(r.samples.map((s) => signature(s.labels, m)))
  if (op === 'and') return vector(l.samples.filter((s) => rightSigs.has(signature(s.labels, m))))
  if (op === 'unless') return vector(l.samples.filter((s) => !rightSigs.has(signature(s.labels, m))))
  const leftSigs = new Set(l.samples.map((s) => signature(s.labels, m)))
  return vector([...l.samples, ...r.samples.filter((s) => !leftSigs.has(signature(s.labels, m)))])
}
