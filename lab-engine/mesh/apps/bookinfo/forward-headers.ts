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
  // The first value of each incoming name, lower-cased once (not once per name looked for).
  const first = new Map<string, string>()
  for (const [k, v] of incoming) {
    const lower = k.toLowerCase()
    if (!first.has(lower)) first.set(lower, v)
  }
  const out: Header[] = []
  for (const name of names) {
    const value = first.get(name)
    if (value !== undefined) out.push([name, value])
  }
  return out
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
