// http checks: one request (or a few) from a pod or from outside, judged by status, curl exit, headers and body.
import type { HttpProbeResult, ProbeSource } from '../../drivers/cluster-driver'
import type { HttpCheck } from '../check-schema'
import type { CheckContext, Verdict } from '../check-outcome'
import { resolveRequest } from '../url-template'

export function probeSource(from: HttpCheck['from']): ProbeSource {
  return from === 'outside' ? 'outside' : { namespace: from.namespace, selector: from.selector }
}

export async function httpVerdict(check: HttpCheck, ctx: CheckContext): Promise<Verdict> {
  const req = await resolveRequest(check.request, ctx)
  const answers: HttpProbeResult[] = []
  for (let i = 0; i < check.repeat; i++) {
    const r = await ctx.driver.probeHttp(probeSource(check.from), req)
    answers.push(r)
    if (!matches(check.expect, r)) return { passed: false, observed: describeAnswer(r, i, check.repeat), details: { status: r.status, curlExit: r.curlExit } }
  }
  return { passed: true, observed: describeAnswer(answers.at(-1)!, check.repeat - 1, check.repeat) }
}

export function statusMatches(want: number | number[] | undefined, status: number): boolean {
  return want === undefined || (Array.isArray(want) ? want.includes(status) : want === status)
}

function matches(e: HttpCheck['expect'], r: HttpProbeResult): boolean {
  if (!statusMatches(e.status, r.status)) return false
  if (e.curlExit !== undefined && r.curlExit !== e.curlExit) return false
  if (e.bodyContains !== undefined && !r.body.includes(e.bodyContains)) return false
  if (e.bodyMatches !== undefined && !new RegExp(e.bodyMatches).test(r.body)) return false
  return Object.entries(e.headers ?? {}).every(([name, re]) => new RegExp(re).test(r.headers[name.toLowerCase()] ?? ''))
}

export function describeAnswer(r: HttpProbeResult, i: number, of: number): string {
  const which = of > 1 ? `request ${i + 1} of ${of}: ` : ''
  if (r.status === 0) return `${which}no HTTP response (curl exit ${r.curlExit})`
  return `${which}HTTP ${r.status}${r.body ? `, body starts ${JSON.stringify(r.body.slice(0, 80))}` : ''}`
}
