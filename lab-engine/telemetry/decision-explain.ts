// Decision explanations: plain-English sentences for a request's decision trace, headline first.
//
// The wording names the Istio setting involved (http1MaxPendingRequests,
// consecutive5xxErrors, PeerAuthentication mode, ...) so a learner can find the
// field to change; the semantics described are Istio's (traffic-management:
// first matching rule wins; security: CUSTOM, then DENY, then ALLOW policies).

import type { DecisionStep, DecisionTrace, PoolLimit, ResourceRef } from './decision-trace'

const ref = (r: ResourceRef): string => `${r.kind} ${r.namespace}/${r.name}`
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`

const IN_USE: Record<PoolLimit, [string, string, string]> = {
  http1MaxPendingRequests: ['request was', 'requests were', 'already pending'],
  http2MaxRequests: ['request was', 'requests were', 'already active'],
  maxConnections: ['connection was', 'connections were', 'already open'],
  maxRetries: ['retry was', 'retries were', 'already in flight'],
  maxRequestsPerConnection: ['request was', 'requests were', 'already sent on the connection'],
}

/**
 * Says why a request got its result: the first line is the headline
 * ("503: the circuit breaker on ... rejected the request: ..."), then one
 * numbered line per step in the order the data plane took them.
 */
export function explainDecisionTrace(trace: DecisionTrace): string[] {
  const lines = [headline(trace)]
  trace.steps.forEach((step, i) => lines.push(`${i + 1}. ${describeStep(step)}`))
  return lines
}

function headline(trace: DecisionTrace): string {
  const outcome = trace.outcome
  const status = outcome ? statusText(outcome.status, outcome.curlExit) : 'no result yet'
  const index = outcome?.decidedBy ?? inferDecisive(trace.steps)
  const step = index === undefined ? undefined : trace.steps[index]
  if (!step) return `${status}: ${trace.request.method} ${trace.request.authority}${trace.request.path} from ${trace.from}`
  return `${status}: ${describeStep(step)}`
}

function statusText(status: number, curlExit: number | undefined): string {
  if (status > 0) return String(status)
  return curlExit === undefined ? 'no response' : `no response (curl exit ${curlExit})`
}

/** The last step that stopped or shaped the request; else the app that answered. */
function inferDecisive(steps: readonly DecisionStep[]): number | undefined {
  for (let i = steps.length - 1; i >= 0; i--) if (isBlocking(steps[i]!)) return i
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i]!.kind === 'app') return i
  return undefined
}

function isBlocking(s: DecisionStep): boolean {
  switch (s.kind) {
    case 'dns':
    case 'egress':
      return s.kind === 'dns' ? !s.resolved : !s.allowed
    case 'listener':
    case 'route':
      return !s.matched
    case 'destination':
      return !s.found
    case 'fault':
      return s.applied && s.fault === 'abort'
    case 'redirect':
      return true
    case 'timeout':
      return s.fired
    case 'connectionPool':
      return s.outcome === 'rejected'
    case 'outlier':
      return s.event === 'all-ejected'
    case 'endpoint':
      return !s.connected
    case 'tls':
      return s.result === 'rejected'
    case 'authn':
    case 'authz':
      return s.result === 'denied'
    default:
      return false
  }
}

export function describeStep(s: DecisionStep): string {
  switch (s.kind) {
    case 'dns':
      return s.resolved ? `${s.host} resolved to ${s.address ?? 'a cluster address'}` : `${s.host} could not be resolved (no Service, ServiceEntry or external host by that name)`
    case 'egress':
      return egress(s)
    case 'listener':
      return s.matched ? `the ${s.direction} listener ${s.name} on ${s.proxy} took the request` : `no ${s.direction} listener on ${s.proxy} matched (${s.name})`
    case 'route':
      return route(s)
    case 'weight':
      return weight(s)
    case 'destination':
      return destination(s)
    case 'fault':
      return fault(s)
    case 'redirect':
      return `the route answered with a ${s.status} redirect to ${s.location} (HTTPRedirect; the upstream was not called)`
    case 'rewrite':
      return rewrite(s)
    case 'mirror':
      return s.sent
        ? `a copy of the request was mirrored to ${s.cluster} (mirrorPercentage ${s.percentage}); its response is discarded`
        : `mirroring to ${s.cluster} was not drawn this time (mirrorPercentage ${s.percentage})`
    case 'timeout':
      return s.fired ? `the route timeout of ${s.timeoutMs} ms fired before the upstream answered` : `the route timeout is ${s.timeoutMs} ms`
    case 'retry':
      return `attempt ${s.attempt + 1} of ${s.maxAttempts}: retried because ${s.reason}${s.retryOn ? ` (retryOn: ${s.retryOn})` : ''}`
    case 'connectionPool':
      return pool(s)
    case 'outlier':
      return outlier(s)
    case 'endpoint':
      return endpoint(s)
    case 'tls':
      return tls(s)
    case 'authn':
      return `${s.result === 'allowed' ? 'authentication passed' : 'authentication failed'}: ${s.reason}${s.policy ? ` (${ref(s.policy)})` : ''}`
    case 'authz':
      return authz(s)
    case 'app':
      return `${s.workload} (${s.namespace}) answered ${s.status}`
    case 'note':
      return s.text
  }
}

function egress(s: Extract<DecisionStep, { kind: 'egress' }>): string {
  if (s.serviceEntry) return `${s.host} is opened by ${ref(s.serviceEntry)}`
  if (s.allowed) return `${s.host} is outside the mesh; outboundTrafficPolicy ALLOW_ANY lets it through`
  return `${s.host} is not in the service registry and outboundTrafficPolicy is REGISTRY_ONLY, so the sidecar blocked it`
}

function route(s: Extract<DecisionStep, { kind: 'route' }>): string {
  if (!s.matched) return `no route in ${s.routeConfig} on ${s.proxy} matched the request${s.virtualService ? ` (${ref(s.virtualService)} has no matching rule)` : ''}`
  if (!s.virtualService) return `the default route for the service in ${s.routeConfig} on ${s.proxy} matched (no VirtualService applies)`
  const rule = `rule ${s.ruleIndex ?? 0}${s.ruleName ? ` "${s.ruleName}"` : ''}`
  return `${ref(s.virtualService)} ${rule} matched${s.matchedOn ? ` on ${s.matchedOn}` : ''} (the first matching rule wins)`
}

function weight(s: Extract<DecisionStep, { kind: 'weight' }>): string {
  const total = s.choices.reduce((a, c) => a + c.weight, 0)
  const split = s.choices.map((c) => `${c.destination} ${c.weight}`).join(', ')
  const chosen = s.choices[s.chosen]
  return `weighted split (${split}): drew ${s.draw} of ${total}, so ${chosen ? chosen.destination : 'nothing'} was chosen`
}

function destination(s: Extract<DecisionStep, { kind: 'destination' }>): string {
  if (!s.found) return `the route points at ${s.cluster}, which does not exist${s.subset ? ` (is subset "${s.subset}" defined in a DestinationRule?)` : ''}`
  const subset = s.subset ? ` subset "${s.subset}"${s.destinationRule ? ` from ${ref(s.destinationRule)}` : ''}` : ''
  return `sent to cluster ${s.cluster}${subset}`
}

function fault(s: Extract<DecisionStep, { kind: 'fault' }>): string {
  const where = s.virtualService ? ` from ${ref(s.virtualService)}` : ''
  const what = s.fault === 'delay' ? `a ${s.delayMs ?? 0} ms delay` : `an abort with HTTP ${s.status ?? 0}`
  return s.applied ? `fault injection${where} applied ${what} (percentage ${s.percentage})` : `fault injection${where} of ${what} was not drawn this time (percentage ${s.percentage})`
}

function rewrite(s: Extract<DecisionStep, { kind: 'rewrite' }>): string {
  const parts: string[] = []
  if (s.uri) parts.push(`the path from ${s.uri.from} to ${s.uri.to}`)
  if (s.authority) parts.push(`the authority from ${s.authority.from} to ${s.authority.to}`)
  return `the route rewrote ${parts.length ? parts.join(' and ') : 'nothing'} before forwarding`
}

function pool(s: Extract<DecisionStep, { kind: 'connectionPool' }>): string {
  if (s.outcome !== 'rejected') return `the connection pool of ${s.cluster} ${s.outcome === 'queued' ? 'queued the request until a connection was free' : 'admitted the request'}`
  if (!s.limit) return `the circuit breaker on ${s.cluster} rejected the request`
  const [one, many, state] = IN_USE[s.limit]
  const used = s.inUse ?? s.limitValue ?? 0
  return `the circuit breaker on ${s.cluster} rejected the request: ${plural(used, one, many)} ${state} and ${s.limit} is ${s.limitValue ?? '?'}`
}

function outlier(s: Extract<DecisionStep, { kind: 'outlier' }>): string {
  switch (s.event) {
    case 'ejected':
      return `outlier detection ejected ${s.endpoint ?? 'an endpoint'} of ${s.cluster} after ${s.consecutiveErrors === undefined ? 'consecutive errors' : plural(s.consecutiveErrors, 'consecutive error', 'consecutive errors')} (consecutive5xxErrors is ${s.threshold ?? '?'})${s.ejectionMs ? ` for ${s.ejectionMs} ms` : ''}`
    case 'skipped-ejected':
      return `the load balancer skipped ${s.endpoint ?? 'an endpoint'} of ${s.cluster}: it is ejected by outlier detection`
    case 'all-ejected':
      return `every endpoint of ${s.cluster} is ejected by outlier detection, so no healthy upstream was left`
    case 'counted':
      return `outlier detection counted an error from ${s.endpoint ?? 'an endpoint'} of ${s.cluster} (${s.consecutiveErrors ?? '?'} of ${s.threshold ?? '?'} consecutive)`
  }
}

function endpoint(s: Extract<DecisionStep, { kind: 'endpoint' }>): string {
  const who = s.pod ? `${s.address} (${s.pod})` : s.address
  if (s.connected) return `${s.lbPolicy} load balancing picked ${who} in ${s.cluster}`
  return `connecting to ${who} in ${s.cluster} failed${s.error ? `: ${s.error}` : ''}`
}

function tls(s: Extract<DecisionStep, { kind: 'tls' }>): string {
  const by = s.decidedBy === 'auto-mtls' ? 'auto mTLS' : s.decidedBy === 'mesh-default' ? 'the mesh default' : s.decidedBy ? ref(s.decidedBy) : undefined
  const source = by ? ` (mode ${s.mode} from ${by})` : ` (mode ${s.mode})`
  const reason = s.reason ? `: ${s.reason}` : ''
  if (s.side === 'client') {
    return s.result === 'rejected' ? `the client side could not set up TLS${source}${reason}` : `the client sent ${wire(s.result)}${source}${reason}`
  }
  return s.result === 'rejected' ? `the server sidecar refused the connection${source}${reason}` : `the server sidecar accepted ${wire(s.result)}${source}${reason}`
}

const wire = (r: 'mtls' | 'tls' | 'plaintext'): string => (r === 'mtls' ? 'Istio mutual TLS' : r === 'tls' ? 'TLS' : 'plain text')

function authz(s: Extract<DecisionStep, { kind: 'authz' }>): string {
  const policy = s.policy ? `${ref(s.policy)}${s.ruleIndex === undefined ? '' : ` rule ${s.ruleIndex}`}` : undefined
  const reason = s.reason ? `: ${s.reason}` : ''
  if (s.result === 'denied') {
    if (s.action === 'ALLOW' && !policy) return `authorization denied the request: ALLOW policies apply to this workload and none matched${reason}`
    return `authorization denied the request: ${s.action} ${policy ? `policy ${policy}` : 'policy'} matched${reason}`
  }
  return policy ? `authorization allowed the request: ${s.action} policy ${policy} matched${reason}` : `authorization allowed the request: no ${s.action} policy applies${reason}`
}
