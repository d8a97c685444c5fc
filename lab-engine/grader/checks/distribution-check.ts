// distribution checks: N requests bucketed by regex over the body; pass when each share lies in its 99.9% interval.
import type { DistributionCheck } from '../check-schema'
import type { CheckContext, Verdict } from '../check-outcome'
import { binomialInterval, requestsForSplit } from '../statistics'
import { resolveRequest } from '../url-template'
import { probeSource } from './http-check'

/** The sim grades with a fixed seed, so one run decides; a real cluster's draw is random, so a miss is re-run once (issue 6). */
export async function distributionVerdict(check: DistributionCheck, ctx: CheckContext): Promise<Verdict> {
  const first = await sampleOnce(check, ctx)
  if (first.passed || ctx.driver.capabilities.virtualTime) return first
  const second = await sampleOnce(check, ctx)
  return { ...second, observed: `${second.observed} (re-run after a miss: ${first.observed})` }
}

async function sampleOnce(check: DistributionCheck, ctx: CheckContext): Promise<Verdict> {
  const n = check.requests ?? requestsForSplit(check.buckets.map((b) => b.share), check.resolution)
  const req = await resolveRequest(check.request, ctx)
  const patterns = check.buckets.map((b) => new RegExp(b.matches))
  const counts = new Array<number>(check.buckets.length).fill(0)
  let unmatched = 0
  for (let i = 0; i < n; i++) {
    const r = await ctx.driver.probeHttp(probeSource(check.from), req)
    const bucket = r.status === 0 ? -1 : patterns.findIndex((p) => p.test(r.body))
    if (bucket < 0) unmatched++
    else counts[bucket]!++
  }
  const shares = counts.map((c) => c / n)
  const passed = check.buckets.every((b, i) => {
    const { low, high } = binomialInterval(b.share, n)
    return shares[i]! >= low - 1e-12 && shares[i]! <= high + 1e-12
  })
  const observed = check.buckets.map((b, i) => `${b.name} ${(shares[i]! * 100).toFixed(1)}%`).join(', ') + (unmatched ? `, unmatched ${unmatched}` : '') + ` of ${n} requests`
  return { passed, observed, details: { requests: n, counts, unmatched, expected: check.buckets.map((b) => b.share) } }
}
