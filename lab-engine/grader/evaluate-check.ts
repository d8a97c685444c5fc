// Evaluating one check: dispatch by kind, all/any, diagnoses for recognisable wrong states, and errors as failed checks.
//
// A check that errors (pod missing, timeout, bad query) fails with the reason;
// it never throws out of the grader (issue 6, "Bad input").
import { DriverError } from '../drivers/cluster-driver'
import type { Check, CombinatorCheck } from './check-schema'
import type { CheckContext, CheckOutcome, Verdict } from './check-outcome'
import { distributionVerdict } from './checks/distribution-check'
import { execVerdict } from './checks/exec-check'
import { httpVerdict } from './checks/http-check'
import { latencyVerdict } from './checks/latency-check'
import { metricVerdict } from './checks/metric-check'
import { resourceVerdict } from './checks/resource-check'

export async function evaluateCheck(check: Check, ctx: CheckContext): Promise<CheckOutcome> {
  const verdict = await safeVerdict(check, ctx)
  if (verdict.passed) return { id: check.id, kind: check.kind, passed: true, message: 'passed', observed: verdict.observed, details: verdict.details }
  const diagnosis = await diagnose(check, ctx)
  const message = `${diagnosis ?? check.message} (observed: ${verdict.observed})`
  return { id: check.id, kind: check.kind, passed: false, message, observed: verdict.observed, details: verdict.details }
}

async function safeVerdict(check: Check, ctx: CheckContext): Promise<Verdict> {
  try {
    return await verdictOf(check, ctx)
  } catch (err) {
    const reason = err instanceof DriverError || err instanceof Error ? err.message : String(err)
    return { passed: false, observed: `the check could not run: ${reason}` }
  }
}

function verdictOf(check: Check, ctx: CheckContext): Promise<Verdict> {
  switch (check.kind) {
    case 'resource': return resourceVerdict(check, ctx)
    case 'exec': return execVerdict(check, ctx)
    case 'http': return httpVerdict(check, ctx)
    case 'distribution': return distributionVerdict(check, ctx)
    case 'latency': return latencyVerdict(check, ctx)
    case 'metric': return metricVerdict(check, ctx)
    case 'all':
    case 'any': return combined(check, ctx)
  }
}

async function combined(check: CombinatorCheck, ctx: CheckContext): Promise<Verdict> {
  const parts: CheckOutcome[] = []
  for (const c of check.checks) {
    const outcome = await evaluateCheck(c, ctx)
    parts.push(outcome)
    // all: the first failure decides; any: the first pass does.
    if (check.kind === 'all' ? !outcome.passed : outcome.passed) break
  }
  const passed = check.kind === 'all' ? parts.every((p) => p.passed) : parts.some((p) => p.passed)
  const deciding = check.kind === 'all' ? parts.find((p) => !p.passed) : parts.at(-1)
  return { passed, observed: deciding?.observed ?? '', details: { parts } }
}

/** The first diagnosis whose check passes on this (failing) state. */
async function diagnose(check: Check, ctx: CheckContext): Promise<string | undefined> {
  for (const d of check.diagnoses ?? []) {
    if ((await safeVerdict(d.when, ctx)).passed) return d.message
  }
  return undefined
}
