// Header propagation in the Bookinfo services: which incoming headers each one copies onto its own calls.
//
// Istio's distributed-tracing docs: "applications need to propagate the
// appropriate HTTP headers" so the proxies' spans join one trace. The lists
// follow the sources (samples/bookinfo/src): productpage.py getForwardHeaders,
// reviews' LibertyRestEndpoint headers_to_propagate. productpage adds
// `end-user: <session user>`, which Istio's request-routing task matches on.

import type { Header } from '../types'

/** B3 headers productpage's tracer re-injects (it continues the incoming span context verbatim). */
const B3 = ['x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags', 'b3']

/** productpage's incoming_headers list. */
export const PRODUCTPAGE_PROPAGATED = [
  'x-request-id', 'x-ot-span-context', 'x-datadog-trace-id', 'x-datadog-parent-id', 'x-datadog-sampling-priority',
  'traceparent', 'tracestate', 'x-cloud-trace-context', 'grpc-trace-bin', 'sw8', 'user-agent', 'cookie', 'authorization', 'jwt',
]

/** reviews' headers_to_propagate (b3 included, plus end-user). */
export const REVIEWS_PROPAGATED = [
  'x-request-id', 'x-ot-span-context', 'x-datadog-trace-id', 'x-datadog-parent-id', 'x-datadog-sampling-priority',
  'traceparent', 'tracestate', 'x-cloud-trace-context', 'grpc-trace-bin', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid',
  'x-b3-sampled', 'x-b3-flags', 'sw8', 'end-user', 'user-agent', 'cookie', 'authorization', 'jwt',
]

/** details.rb's get_forward_headers list (details makes no calls unless the external book service is on). */
export const DETAILS_PROPAGATED = [
  'x-request-id', 'x-b3-traceid', 'x-b3-spanid', 'x-b3-parentspanid', 'x-b3-sampled', 'x-b3-flags', 'x-ot-span-context',
  'x-datadog-trace-id', 'x-datadog-parent-id', 'x-datadog-sampled',
]

function pick(incoming: readonly Header[], names: readonly string[]): Header[] {
  // The first value of each wanted name, found in one pass (names lower-case; incoming ones lower-cased when they are not).
  const wanted = positionsOf(names)
  let found: (string | undefined)[] | undefined
  for (const [k, v] of incoming) {
    const i = wanted.get(k) ?? (mayLowerCase(k) ? wanted.get(k.toLowerCase()) : undefined)
    if (i === undefined) continue
    found ??= new Array<string | undefined>(names.length)
    if (found[i] === undefined) found[i] = v
  }
  const out: Header[] = []
  if (found) for (let i = 0; i < names.length; i++) if (found[i] !== undefined) out.push([names[i]!, found[i]!])
  return out
}

/** Whether toLowerCase could change the name: an upper-case ASCII letter or any non-ASCII character in it. */
function mayLowerCase(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    if ((c >= 65 && c <= 90) || c >= 128) return true
  }
  return false
}

/** Each list's names by position, worked out once per list. */
const positions = new WeakMap<readonly string[], Map<string, number>>()

function positionsOf(names: readonly string[]): Map<string, number> {
  let m = positions.get(names)
  if (!m) {
    m = new Map()
    for (let i = names.length - 1; i >= 0; i--) m.set(names[i]!, i)
    positions.set(names, m)
  }
  return m
}

/** productpage's outgoing headers: b3 context, end-user from the session, then its propagation list. */
export function productpageForwardHeaders(incoming: readonly Header[], sessionUser: string | undefined): Header[] {
  const out = pick(incoming, B3)
  if (sessionUser !== undefined) out.push(['end-user', sessionUser])
  return [...out, ...pick(incoming, PRODUCTPAGE_PROPAGATED)]
}

/** reviews' outgoing headers to ratings. */
export function reviewsForwardHeaders(incoming: readonly Header[]): Header[] {
  return pick(incoming, REVIEWS_PROPAGATED)
}
