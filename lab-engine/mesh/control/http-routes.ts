// Translates one VirtualService's `http` rules into ordered Envoy routes for one proxy and port.
//
// Istio VirtualService reference: rules are evaluated in order and the first match wins;
// within one HTTPMatchRequest every condition must hold (AND), and a rule with several
// match blocks matches if any does (OR) -- Istio emits one Envoy route per match block,
// in order. Conditions fixed at config time (port, sourceLabels, sourceNamespace,
// gateways) drop blocks that cannot apply to this proxy; a rule whose every block was
// dropped disappears. Defaults Istio fills: uri prefix "/", timeout disabled (0s),
// retries 2 on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes
// with 503 retriable, fault and mirror percentages 100, redirect code 301.

import type { Labels } from '../../cluster/types'
import { durationMs } from './hosts'
import type { HttpMatchRequest, HttpRoute, IstioDestination, IstioHeaders, IstioResource, IstioStringMatch, VirtualServiceSpec } from './istio-specs'
import type {
  ConsistentHash, CorsPolicy, FaultInjection, HeaderMatch, HeaderOperations, Mirror, QueryParamMatch, RetryPolicy, Route, RouteAction, RouteMatch, StringMatch, WeightedCluster,
} from './types'

/** Rules translated per VirtualService at most; the rest are ignored (keeps a huge resource bounded). */
export const MAX_HTTP_RULES = 500

export const DEFAULT_RETRY_ON = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes']

export interface ResolvedDestination {
  cluster: string
  host: string
  port: number
  subset?: string
}

export interface RouteContext {
  vs: IstioResource<VirtualServiceSpec>
  /** Sidecar: the service port; gateway: the Gateway server's port number. */
  port: number
  proxyLabels: Labels
  proxyNamespace: string
  /** "mesh" for sidecars, else the gateways ("ns/name") this route configuration serves. */
  gateways: string[]
  destination(d: IstioDestination | undefined): ResolvedDestination
  hashPolicy?(d: ResolvedDestination): ConsistentHash | undefined
}

export function httpRoutes(ctx: RouteContext): Route[] {
  const rules = (ctx.vs.spec.http ?? []).slice(0, MAX_HTTP_RULES)
  return rules.flatMap((rule, ruleIndex) => {
    const blocks = rule.match && rule.match.length > 0 ? rule.match.map((m, i) => ({ m, i })).filter(({ m }) => applies(m, ctx)) : [{ m: undefined, i: undefined }]
    return blocks.map(({ m, i }) => buildRoute(ctx, rule, ruleIndex, m, i))
  })
}

/** Conditions Istio evaluates while compiling (VirtualService gateways, port, sourceLabels, sourceNamespace). */
function applies(m: HttpMatchRequest, ctx: RouteContext): boolean {
  if (m.port !== undefined && m.port !== ctx.port) return false
  if (m.sourceNamespace !== undefined && m.sourceNamespace !== ctx.proxyNamespace) return false
  if (m.sourceLabels && !Object.entries(m.sourceLabels).every(([k, v]) => ctx.proxyLabels[k] === v)) return false
  if (m.gateways && m.gateways.length > 0) {
    const names = m.gateways.map((g) => gatewayName(g, ctx.vs.ref.namespace))
    if (!names.some((g) => ctx.gateways.includes(g))) return false
  }
  return true
}

/** "mesh" stays; "name" means a Gateway in the VirtualService's namespace; "ns/name" is taken as written. */
export function gatewayName(entry: string, vsNamespace: string): string {
  if (entry === 'mesh') return entry
  return entry.includes('/') ? entry : `${vsNamespace}/${entry}`
}

function buildRoute(ctx: RouteContext, rule: HttpRoute, ruleIndex: number, m: HttpMatchRequest | undefined, matchIndex: number | undefined): Route {
  const name = rule.name ? (m?.name ? `${rule.name}.${m.name}` : rule.name) : m?.name
  const route: Route = {
    ...(name ? { name } : {}),
    match: routeMatch(m),
    action: routeAction(ctx, rule),
    origin: {
      virtualService: ctx.vs.ref, ruleIndex,
      ...(rule.name ? { ruleName: rule.name } : {}),
      ...(matchIndex !== undefined ? { matchIndex } : {}),
      ...(m?.name ? { matchName: m.name } : {}),
    },
  }
  const headers = headerOps(rule.headers)
  if (headers) route.headers = headers
  const fault = faultOf(rule.fault)
  if (fault) route.fault = fault
  if (rule.corsPolicy) route.cors = corsOf(rule.corsPolicy)
  return route
}

export function stringMatch(s: IstioStringMatch | undefined): StringMatch | undefined {
  if (!s) return undefined
  if (s.exact !== undefined) return { kind: 'exact', value: s.exact }
  if (s.prefix !== undefined) return { kind: 'prefix', value: s.prefix }
  if (s.regex !== undefined) return { kind: 'regex', value: s.regex }
  return undefined
}

function routeMatch(m: HttpMatchRequest | undefined): RouteMatch {
  const headers: HeaderMatch[] = [
    ...Object.entries(m?.headers ?? {}).map(([name, v]) => ({ name: name.toLowerCase(), match: stringMatch(v) ?? { kind: 'present' as const } })),
    ...Object.entries(m?.withoutHeaders ?? {}).map(([name, v]) => ({ name: name.toLowerCase(), match: stringMatch(v) ?? { kind: 'present' as const }, invert: true })),
  ]
  const queryParams: QueryParamMatch[] = Object.entries(m?.queryParams ?? {}).map(([name, v]) => ({ name, match: stringMatch(v) ?? { kind: 'present' as const } }))
  const out: RouteMatch = { path: stringMatch(m?.uri) ?? { kind: 'prefix', value: '/' }, headers, queryParams }
  if (m?.ignoreUriCase) out.ignoreCase = true
  for (const key of ['method', 'authority', 'scheme'] as const) {
    const sm = stringMatch(m?.[key])
    if (sm) out[key] = sm
  }
  const compiled = { ...(m?.port !== undefined ? { port: m.port } : {}), ...(m?.sourceLabels ? { sourceLabels: m.sourceLabels } : {}), ...(m?.sourceNamespace ? { sourceNamespace: m.sourceNamespace } : {}), ...(m?.gateways ? { gateways: m.gateways } : {}) }
  if (Object.keys(compiled).length > 0) out.compiledFrom = compiled
  return out
}

function routeAction(ctx: RouteContext, rule: HttpRoute): RouteAction {
  if (rule.redirect) {
    const r = rule.redirect
    return { kind: 'redirect', redirect: { ...(r.uri ? { uri: r.uri } : {}), ...(r.authority ? { authority: r.authority } : {}), ...(r.port ? { port: r.port } : {}), ...(r.scheme ? { scheme: r.scheme } : {}), responseCode: r.redirectCode ?? 301 } }
  }
  if (rule.directResponse) {
    const body = rule.directResponse.body?.string ?? rule.directResponse.body?.bytes
    return { kind: 'directResponse', status: rule.directResponse.status ?? 200, ...(body !== undefined ? { body } : {}) }
  }
  const clusters = weighted(ctx, rule)
  const action: RouteAction = { kind: 'forward', clusters, timeoutMs: durationMs(rule.timeout) ?? 0, retryPolicy: retryOf(rule.retries), mirrors: mirrorsOf(ctx, rule) }
  if (rule.rewrite) {
    const rw = rule.rewrite
    action.rewrite = { ...(rw.uri !== undefined ? { uri: rw.uri } : {}), ...(rw.authority ? { authority: rw.authority } : {}), ...(rw.uriRegexRewrite?.match !== undefined ? { uriRegex: { match: rw.uriRegexRewrite.match, rewrite: rw.uriRegexRewrite.rewrite ?? '' } } : {}) }
  }
  const hash = clusters.length > 0 ? ctx.hashPolicy?.(clusters[0]!) : undefined
  if (hash) action.hashPolicy = hash
  return action
}

/** Weights are relative; a lone destination gets 100 and zero-weight destinations are left out (as Istio does). */
function weighted(ctx: RouteContext, rule: HttpRoute): WeightedCluster[] {
  const dests = rule.route ?? []
  const out = dests.map((d) => {
    const r = ctx.destination(d.destination)
    const headers = headerOps(d.headers)
    return { cluster: r.cluster, host: r.host, port: r.port, ...(r.subset ? { subset: r.subset } : {}), weight: dests.length === 1 ? (d.weight || 100) : (d.weight ?? 0), ...(headers ? { headers } : {}) }
  })
  const positive = out.filter((c) => c.weight > 0)
  return positive.length > 0 ? positive : out.map((c) => ({ ...c, weight: 1 }))
}

/** Istio's default retry policy, or the VirtualService's `retries` applied over it. */
export function retryOf(r: HttpRoute['retries'] | undefined): RetryPolicy {
  const policy: RetryPolicy = { numRetries: 2, retryOn: [...DEFAULT_RETRY_ON], retriableStatusCodes: [503], previousHostsPredicate: true }
  if (!r) return policy
  policy.numRetries = r.attempts ?? 2
  if (r.retryOn) {
    const tokens = r.retryOn.split(',').map((t) => t.trim()).filter(Boolean)
    const codes = tokens.filter((t) => /^\d+$/.test(t)).map(Number)
    policy.retryOn = tokens.filter((t) => !/^\d+$/.test(t))
    if (codes.length > 0 && !policy.retryOn.includes('retriable-status-codes')) policy.retryOn.push('retriable-status-codes')
    policy.retriableStatusCodes = codes
  }
  const perTry = durationMs(r.perTryTimeout)
  if (perTry !== undefined) policy.perTryTimeoutMs = perTry
  return policy
}

function mirrorsOf(ctx: RouteContext, rule: HttpRoute): Mirror[] {
  const list = [
    ...(rule.mirror ? [{ destination: rule.mirror, percentage: rule.mirrorPercentage }] : []),
    ...(rule.mirrors ?? []),
  ]
  return list.map((m) => {
    const r = ctx.destination(m.destination)
    return { cluster: r.cluster, host: r.host, port: r.port, ...(r.subset ? { subset: r.subset } : {}), percentage: m.percentage?.value ?? 100 }
  })
}

function headerOps(h: IstioHeaders | undefined): HeaderOperations | undefined {
  if (!h || (!h.request && !h.response)) return undefined
  return { ...(h.request ? { request: { ...h.request } } : {}), ...(h.response ? { response: { ...h.response } } : {}) }
}

function faultOf(f: HttpRoute['fault']): FaultInjection | undefined {
  if (!f || (!f.delay && !f.abort)) return undefined
  const out: FaultInjection = {}
  if (f.delay) out.delay = { fixedDelayMs: durationMs(f.delay.fixedDelay) ?? 0, percentage: f.delay.percentage?.value ?? f.delay.percent ?? 100 }
  if (f.abort) out.abort = { ...(f.abort.httpStatus !== undefined ? { httpStatus: f.abort.httpStatus } : {}), ...(f.abort.grpcStatus ? { grpcStatus: f.abort.grpcStatus } : {}), percentage: f.abort.percentage?.value ?? 100 }
  return out
}

function corsOf(c: NonNullable<HttpRoute['corsPolicy']>): CorsPolicy {
  return {
    allowOrigins: (c.allowOrigins ?? []).map(stringMatch).filter((s): s is StringMatch => !!s),
    allowMethods: c.allowMethods ?? [],
    allowHeaders: c.allowHeaders ?? [],
    exposeHeaders: c.exposeHeaders ?? [],
    ...(c.maxAge ? { maxAge: c.maxAge } : {}),
    ...(c.allowCredentials !== undefined ? { allowCredentials: c.allowCredentials } : {}),
  }
}
