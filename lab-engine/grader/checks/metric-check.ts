// metric checks: a PromQL-subset query over mesh telemetry, its value compared with a number.
import type { MetricCheck } from '../check-schema'
import type { CheckContext, Verdict } from '../check-outcome'

const COMPARE: Record<MetricCheck['op'], (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b, '>=': (a, b) => a >= b, '==': (a, b) => a === b, '<=': (a, b) => a <= b, '<': (a, b) => a < b,
}

export async function metricVerdict(check: MetricCheck, ctx: CheckContext): Promise<Verdict> {
  const value = scalarOf(await ctx.driver.queryMetric(check.query))
  return { passed: COMPARE[check.op](value, check.value), observed: `${check.query} = ${value}`, details: { value } }
}

/** A vector's samples summed (no samples: 0); a scalar as is. */
function scalarOf(r: { resultType: string; result: unknown }): number {
  if (r.resultType === 'scalar') return Number((r.result as [number, string])[1])
  if (r.resultType === 'vector') return (r.result as { value: [number, string] }[]).reduce((sum, s) => sum + Number(s.value[1]), 0)
  throw new Error(`the query returns a ${r.resultType}; a metric check needs a number or a vector`)
}
