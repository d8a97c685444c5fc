// latency checks: how long a request takes (e.g. the 7 s injected delay), within bounds.
import type { LatencyCheck } from '../check-schema'
import type { CheckContext, Verdict } from '../check-outcome'
import { resolveRequest } from '../url-template'
import { describeAnswer, probeSource, statusMatches } from './http-check'

export async function latencyVerdict(check: LatencyCheck, ctx: CheckContext): Promise<Verdict> {
  const r = await ctx.driver.probeHttp(probeSource(check.from), await resolveRequest(check.request, ctx))
  const inBounds = (check.minMs === undefined || r.elapsedMs >= check.minMs) && (check.maxMs === undefined || r.elapsedMs <= check.maxMs)
  const observed = `${describeAnswer(r, 0, 1)} after ${(r.elapsedMs / 1000).toFixed(2)} s`
  return { passed: inBounds && statusMatches(check.status, r.status), observed, details: { elapsedMs: r.elapsedMs, status: r.status } }
}
