// Envoy's router for one forwarded route: fault injection, weighted destinations, header
// manipulation, rewrites, the route timeout, retries and mirroring; each attempt goes
// through the cluster's connection pool, outlier detection and load balancer.
//
// Istio VirtualService reference and Envoy router docs:
// - faults: the delay happens before forwarding; an abort answers locally with the
//   status and body `fault filter abort` (flags DI / FI);
// - weights: one draw per request from the session Rng (Envoy's random weighted cluster);
// - timeout: covers all attempts; on expiry 504 `upstream request timeout` (UT);
// - retries: numRetries more attempts when retryOn matches (5xx, gateway-error,
//   connect-failure, refused-stream, reset, retriable-status-codes), with Envoy's
//   jittered backoff (base 25 ms); a retry avoids hosts already tried;
// - mirror: a copy goes to the mirror cluster with `-shadow` appended to the Host, and
//   its answer is discarded.
import type { KubeObject } from '../../cluster/types'
import { type Flow, wait } from '../../core/flow'
import type { ForwardAction, HeaderOperations, LbEndpoint, LoadBalancer, ProxyConfig, Route, WeightedCluster } from '../control/types'
import type { HopRecord } from './hop'
import type { Delivered } from './server-side'
import { upstreamResetBody } from '../security'
import { key } from './cluster-state'
import { CONNECT_MS, MTLS_HANDSHAKE_MS } from './latency'
import type { MeshNetwork } from './network'
import { httpDate } from './server-side'
import { headerValue, hostOnly, lowerHeader, sameName, withHeader, withoutHeader, type Header, type MeshRequest, type MeshResponse, type MeshResult } from './types'

/** Envoy's default retry back-off base interval. */
export const RETRY_BASE_MS = 25

export interface ProxyAt { pod: KubeObject; cfg: ProxyConfig }

/**
 * One try at an upstream. Its hop record is emitted by the retry loop, not here:
 * the client proxy reports once per downstream request (Envoy's stats and access
 * log sit on the connection manager, before the router's retries), so only the
 * final attempt carries the source report; the server reports every attempt it got.
 */
interface Attempt { result: MeshResult; retriable: boolean; endpoint?: string; reason?: string; hop?: HopRecord }

export function* forward(net: MeshNetwork, proxy: ProxyAt, route: Route, action: ForwardAction, req: MeshRequest): Flow<MeshResult> {
  const started = net.clock.now()
  const flags: string[] = []
  if (route.fault) {
    const aborted = yield* injectFault(net, proxy, route, action, req, started, flags)
    if (aborted) return aborted
  }
  const wc = pickWeighted(net, action.clusters, req)
  if (!wc) return localReply(net, req, 503, 'no healthy upstream', [...flags, 'UH'])
  const outgoing = prepare(net, route, action, wc, req)
  for (const m of action.mirrors) if (chance(net, m.percentage)) mirror(net, proxy, m.cluster, { ...outgoing, headers: withoutHeader(outgoing.headers, 'x-envoy-attempt-count') })
  let result: MeshResult
  if (action.timeoutMs > 0) {
    const downstream = { answered: false }
    const settled = yield* net.scheduler.withinFlow(action.timeoutMs, () => tryAttempts(net, proxy, action, wc.cluster, outgoing, downstream))
    req.trace?.add({ kind: 'timeout', timeoutMs: action.timeoutMs, fired: !settled })
    if (!settled) {
      // The route timeout answered the client: an attempt still in flight is reported by the server alone.
      downstream.answered = true
      return reported(net, proxy, req, started, localReply(net, req, 504, 'upstream request timeout', [...flags, 'UT']), route, wc.cluster, wc.host)
    }
    if (!settled.ok) throw settled.error
    result = settled.value
  } else {
    result = yield* tryAttempts(net, proxy, action, wc.cluster, outgoing, NOT_ANSWERED)
  }
  if (result.kind !== 'response') return result
  const serviceMs = Math.max(0, Math.round(net.clock.now() - started))
  return clientFacing(result, route.headers, wc.headers, serviceMs, flags)
}

/** Without a route timeout nobody answers the client before the attempts end. */
const NOT_ANSWERED: { readonly answered: boolean } = Object.freeze({ answered: false })

/** The route's fault filter: a delay (flag DI, pushed onto flags) and an abort, whose local reply is returned. */
function* injectFault(net: MeshNetwork, proxy: ProxyAt, route: Route, action: ForwardAction, req: MeshRequest, started: number, flags: string[]): Flow<MeshResponse | undefined> {
  const fault = route.fault!
  const vs = route.origin ? { virtualService: route.origin.virtualService } : {}
  if (fault.delay) {
    const applied = chance(net, fault.delay.percentage)
    req.trace?.add({ kind: 'fault', fault: 'delay', percentage: fault.delay.percentage, applied, delayMs: fault.delay.fixedDelayMs, ...vs })
    if (applied) {
      flags.push('DI')
      const delay = net.scheduler.pause(fault.delay.fixedDelayMs)
      if (delay) yield delay
    }
  }
  if (!fault.abort) return undefined
  const abort = chance(net, fault.abort.percentage)
  req.trace?.add({ kind: 'fault', fault: 'abort', percentage: fault.abort.percentage, applied: abort, status: fault.abort.httpStatus ?? 503, ...vs })
  if (!abort) return undefined
  const r = localReply(net, req, fault.abort.httpStatus ?? 503, 'fault filter abort', [...flags, 'FI'])
  return reported(net, proxy, req, started, r, route, undefined, routeHost(action.clusters))
}

function* tryAttempts(net: MeshNetwork, proxy: ProxyAt, action: ForwardAction, cluster: string, req: MeshRequest, downstream: { readonly answered: boolean }): Flow<MeshResult> {
  const policy = action.retryPolicy
  const max = 1 + (policy?.numRetries ?? 0)
  // Hosts tried matter only to a retry: until one, every attempt shares one empty set.
  let tried: ReadonlySet<string> = NO_HOSTS_TRIED
  let last: Attempt | undefined
  for (let n = 1; n <= max; n++) {
    // prepare() counted the first attempt already.
    const attempt: MeshRequest = n === 1 ? req : { ...req, headers: withHeader(req.headers, 'x-envoy-attempt-count', String(n)) }
    const per = policy?.perTryTimeoutMs
    last = per ? yield* attemptWithin(net, proxy, cluster, attempt, tried, per, policy.retryOn) : yield* attemptOnce(net, proxy, cluster, attempt, tried)
    const final = !last.retriable || n === max || !retryWanted(policy, last)
    if (!final && last.endpoint && policy?.previousHostsPredicate !== false) tried = new Set([...tried, last.endpoint])
    emitAttempt(net, last.hop, final && !downstream.answered)
    if (final) break
    req.trace?.add({ kind: 'retry', attempt: n + 1, maxAttempts: max, reason: retryReason(last), retryOn: policy?.retryOn.join(',') ?? '' })
    const backOff = net.scheduler.pause(net.rng.next() * RETRY_BASE_MS * 2 ** Math.min(n, 8))
    if (backOff) yield backOff
    net.stats(proxy, cluster).retries++
  }
  const out = last!.result
  if (max > 1 && last!.retriable && out.kind === 'response' && out.flags.includes('UF')) {
    return { ...out, body: out.body.replace('before headers. reset reason', 'before headers. retried and the latest reset reason'), flags: [...out.flags.filter((f) => f !== 'UF'), 'URX'] }
  }
  return out
}

const NO_HOSTS_TRIED: ReadonlySet<string> = new Set<string>()

/** A mirrored request's outcome: its answer is discarded. */
function ignore(): void {}

/** An attempt under a per-try timeout: Envoy's 504 when it is cut off (retriable when retryOn covers timeouts). */
function* attemptWithin(net: MeshNetwork, proxy: ProxyAt, cluster: string, req: MeshRequest, tried: ReadonlySet<string>, perTryMs: number, retryOn: readonly string[]): Flow<Attempt> {
  // An attempt cut off by the per-try timeout still reaches its server: that report comes when it ends.
  const cut = { off: false }
  const settled = yield* net.scheduler.withinFlow(perTryMs, () => attemptReportedLate(net, proxy, cluster, req, tried, cut))
  if (!settled) {
    cut.off = true
    return { result: timeoutReply(net, req), retriable: retryOnTimeout(retryOn), reason: 'per-try timeout' }
  }
  if (!settled.ok) throw settled.error
  return settled.value
}

/**
 * An attempt whose per-try timeout may cut it off: then the server's report is emitted when it
 * ends. (A top-level generator, not a closure: each generator-function closure would get its
 * own prototype, and its generators their own hidden class -- slow on every call.)
 */
function* attemptReportedLate(net: MeshNetwork, proxy: ProxyAt, cluster: string, req: MeshRequest, tried: ReadonlySet<string>, cut: { off: boolean }): Flow<Attempt> {
  const a = yield* attemptOnce(net, proxy, cluster, req, tried)
  if (cut.off) emitAttempt(net, a.hop, false)
  return a
}

/** An attempt's hop: the server's report always, the client's only for the attempt that answered the downstream request. */
function emitAttempt(net: MeshNetwork, hop: HopRecord | undefined, clientReports: boolean): void {
  if (!hop) return
  if (!clientReports) hop.reporters = { source: false, destination: hop.reporters.destination }
  if (hop.reporters.source || hop.reporters.destination) net.emitHop(hop)
}

function retryReason(a: Attempt): string {
  const r = a.result
  if (a.reason) return a.reason
  return r.kind === 'response' ? `upstream answered ${r.status}${r.flags.length ? ` (${r.flags.join(',')})` : ''}` : r.message
}

function retryWanted(policy: ForwardAction['retryPolicy'], a: Attempt): boolean {
  if (!policy) return false
  const on = policy.retryOn
  const r = a.result
  if (r.kind !== 'response') return on.includes('reset') || on.includes('5xx') || on.includes('connect-failure')
  const s = r.status
  // A plain success (the usual answer) can only be retried for a retriable-status-code.
  if (s < 500 && r.flags.length === 0) return on.includes('retriable-status-codes') && policy.retriableStatusCodes.includes(s)
  if (on.includes('5xx') && s >= 500) return true
  if (on.includes('gateway-error') && (s === 502 || s === 503 || s === 504)) return true
  if (on.includes('connect-failure') && r.flags.includes('UF')) return true
  if (on.includes('reset') && r.flags.includes('UC')) return true
  if (on.includes('retriable-status-codes') && policy.retriableStatusCodes.includes(s)) return true
  return false
}

function retryOnTimeout(retryOn: readonly string[]): boolean {
  return retryOn.includes('5xx') || retryOn.includes('gateway-error') || retryOn.includes('reset')
}

function* attemptOnce(net: MeshNetwork, proxy: ProxyAt, clusterName: string, req: MeshRequest, _tried: ReadonlySet<string>): Flow<Attempt> {
  const { cfg, pod } = proxy
  const cluster = cfg.clusters.get(clusterName)
  if (!cluster) return { result: localReply(net, req, 503, '', ['NC']), retriable: false }
  if (clusterName === 'BlackHoleCluster') return { result: localReply(net, req, 502, '', []), retriable: false }
  const client = net.clientSideOf(pod, cfg, clusterName)
  if (clusterName === 'PassthroughCluster' || cluster.type === 'ORIGINAL_DST') {
    const d = yield* net.deliverFlow(client, req)
    return { result: d.result, retriable: false }
  }
  const state = net.clusterState(proxy, clusterName)
  const policy = cluster.trafficPolicy
  const pool = policy.connectionPool
  // The pool's state before admission, for the decision trace only.
  const before = req.trace ? state.inFlight : undefined
  const admitted = state.admit(pool)
  const admission = admitted instanceof Promise ? yield* wait(admitted) : admitted
  if (before) req.trace?.add(poolStep(clusterName, pool, before, admission.ok ? (before.pending > 0 || (pool.maxConnections !== undefined && before.connections >= pool.maxConnections) ? 'queued' : 'admitted') : 'rejected', admission.ok ? undefined : admission.reason))
  if (!admission.ok) {
    net.stats(proxy, clusterName).pendingOverflow++
    const reply = localReply(net, req, 503, upstreamResetBody('overflow'), ['UO'])
    return { result: reply, retriable: false, hop: localHop(proxy, req, net.clock.now(), net.clock.now(), reply, clusterName) }
  }
  const now = net.clock.now()
  const endpoints = cfg.endpoints.get(clusterName) ?? []
  const candidates = state.candidates(endpoints, now)
  const hashKey = hashKeyOf(req, policy.loadBalancer)
  const e = state.pick(policy.loadBalancer, candidates, _tried, hashKey)
  if (candidates.length < healthyCount(endpoints)) {
    req.trace?.add({ kind: 'outlier', cluster: clusterName, event: candidates.length === 0 ? 'all-ejected' : 'skipped-ejected' })
  }
  if (!e) {
    admission.release(false)
    const reply = localReply(net, req, 503, 'no healthy upstream', ['UH'])
    return { result: reply, retriable: false, hop: localHop(proxy, req, now, net.clock.now(), reply, clusterName) }
  }
  const connecting = admission.newConnection ? net.scheduler.pause(CONNECT_MS + (client.sidecar ? MTLS_HANDSHAKE_MS : 0)) : undefined
  if (connecting) yield connecting
  const address = e.hostname ? net.resolveExternal(e.hostname) ?? e.address : e.address
  const tls = cluster.trafficPolicy.tls
  const target: MeshRequest = { ...req, dstIp: address, dstPort: e.port }
  if (tls?.mode === 'SIMPLE' || tls?.mode === 'MUTUAL') { target.scheme = 'https'; target.sni = tls.sni ?? cluster.host }
  const hopStart = net.clock.now()
  const delivered = yield* net.deliverFlow(client, target)
  const r = delivered.result
  const t = delivered.transport
  const hop = upstreamHop(hopStart, net.clock.now(), pod, target, clusterName, address === e.address ? key(e) : `${address}:${e.port}`, delivered.server, cluster.host, r, t)
  const status = r.kind === 'response' ? r.status : 503
  admission.release(r.kind === 'response' && !r.closesConnection)
  req.trace?.add({ kind: 'endpoint', cluster: clusterName, address: `${address}:${e.port}`, lbPolicy: lbName(policy.loadBalancer), ...(e.pod ? { pod: `${e.pod.namespace}/${e.pod.name}` } : {}), connected: r.kind === 'response', ...(r.kind === 'failure' ? { error: r.message } : {}) })
  if (state.observe(policy.outlierDetection, e, status, net.clock.now(), endpoints)) {
    net.stats(proxy, clusterName).ejections++
    const od = policy.outlierDetection!
    req.trace?.add({ kind: 'outlier', cluster: clusterName, event: 'ejected', endpoint: `${address}:${e.port}`, threshold: od.consecutive5xxErrors ?? od.consecutiveGatewayErrors ?? 0, ejectionMs: od.baseEjectionTimeMs })
  }
  if (r.kind === 'failure') {
    // A plain server answering with something that is not HTTP: Envoy's codec error, 502 UPE.
    if (r.curlExitCode === 1) return { result: localReply(net, req, 502, upstreamResetBody('protocol error'), ['UPE']), retriable: false, endpoint: key(e), hop }
    // The client sidecar turns a failed upstream connection into a 503 of its own.
    const reason = r.curlExitCode === 7 ? 'remote connection failure, transport failure reason: delayed connect error: 111' : 'connection termination'
    const flag = r.curlExitCode === 7 ? 'UF' : 'UC'
    return { result: localReply(net, req, 503, upstreamResetBody(reason), [flag]), retriable: true, endpoint: key(e), hop }
  }
  return { result: r, retriable: true, endpoint: key(e), hop }
}

/** The hop record of one attempt that reached an upstream (optional fields set only when known). */
function upstreamHop(
  startMs: number, endMs: number, source: KubeObject, request: MeshRequest, cluster: string, upstreamHost: string,
  destination: KubeObject | undefined, destinationService: string | undefined, r: MeshResult, t: Delivered['transport'],
): HopRecord {
  const hop: HopRecord = { startMs, endMs, source, request, cluster, upstreamHost } as HopRecord
  if (destination) hop.destination = destination
  if (destinationService) hop.destinationService = destinationService
  hop.status = r.kind === 'response' ? r.status : 503
  hop.flags = r.kind === 'response' ? r.flags : ['UF']
  hop.mtls = t?.outcome === 'mtls'
  if (r.kind === 'response' && r.serverDetails) hop.serverDetails = r.serverDetails
  hop.reporters = { source: true, destination: !!t && t.outcome !== 'upstream-failure' && t.outcome !== 'connection-reset' }
  hop.requestBytes = request.body.length
  hop.responseBytes = r.kind === 'response' ? r.body.length : 0
  return hop
}

function healthyCount(endpoints: readonly LbEndpoint[]): number {
  let n = 0
  for (const e of endpoints) if (e.health === 'HEALTHY') n++
  return n
}

/** The consistent-hash key of a request, for DestinationRule loadBalancer.consistentHash. */
function hashKeyOf(req: MeshRequest, lb: LoadBalancer): string | undefined {
  if (lb.kind !== 'consistentHash') return undefined
  const h = lb.hash
  if (h.kind === 'header') return headerValue(req.headers, h.name) ?? ''
  if (h.kind === 'cookie') return (headerValue(req.headers, 'cookie') ?? '').split(/;\s*/).find((c) => c.startsWith(`${h.name}=`)) ?? ''
  if (h.kind === 'queryParameter') return new URLSearchParams(req.path.split('?')[1] ?? '').get(h.name) ?? ''
  return headerValue(req.headers, 'x-forwarded-for') ?? ''
}

function prepare(net: MeshNetwork, route: Route, action: ForwardAction, wc: WeightedCluster, req: MeshRequest): MeshRequest {
  let headers = applyOps(req.headers, route.headers?.request)
  headers = applyOps(headers, wc.headers?.request)
  headers = withIdAndProto(headers, headerValue(headers, 'x-request-id') ? undefined : net.rng.uuid(), req.scheme)
  let path = req.path
  let authority = req.authority
  const rw = action.rewrite
  if (rw?.uri !== undefined && route.match.path.kind === 'prefix') path = rw.uri + path.slice(route.match.path.value.length)
  else if (rw?.uri !== undefined) path = rw.uri
  if (rw?.uriRegex) {
    try { path = path.replace(new RegExp(rw.uriRegex.match), rw.uriRegex.rewrite.replace(/\\(\d)/g, '$$$1')) } catch { /* invalid regex: Envoy would have rejected the config */ }
  }
  if (rw?.authority) authority = rw.authority
  if (path !== req.path) headers = withHeader(headers, 'x-envoy-original-path', req.path)
  // The first attempt's count, last, as withHeader would put it (withIdAndProto dropped any the client sent).
  headers.push(['x-envoy-attempt-count', '1'])
  return { ...req, headers, path, authority }
}

/**
 * withHeader(x-request-id, id) when an id is given, then withHeader(x-forwarded-proto, scheme),
 * in one copy of the list, without any x-envoy-attempt-count (the router sets its own): every
 * forwarded request takes this path.
 */
function withIdAndProto(headers: readonly Header[], id: string | undefined, scheme: string): Header[] {
  const out: Header[] = []
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i]!
    if (sameName(h[0], 'x-forwarded-proto') || sameName(h[0], 'x-envoy-attempt-count') || (id !== undefined && sameName(h[0], 'x-request-id'))) continue
    out.push(h)
  }
  if (id !== undefined) out.push(['x-request-id', id])
  out.push(['x-forwarded-proto', scheme])
  return out
}

function applyOps(headers: Header[], ops: HeaderOperations['request']): Header[] {
  if (!ops) return headers
  let out = headers
  for (const name of ops.remove ?? []) out = withoutHeader(out, name)
  for (const [n, v] of Object.entries(ops.set ?? {})) out = withHeader(out, n, v)
  for (const [n, v] of Object.entries(ops.add ?? {})) out = [...out, [n.toLowerCase(), v]]
  return out
}

function mirror(net: MeshNetwork, proxy: ProxyAt, cluster: string, req: MeshRequest): void {
  const { trace: _main, ...untraced } = req
  const shadow = { ...untraced, authority: `${hostOnly(req.authority)}-shadow${req.authority.slice(hostOnly(req.authority).length)}` }
  net.scheduler.spawnFlow(() => attemptOnce(net, proxy, cluster, shadow, NO_HOSTS_TRIED), ignore)
}

export function pickWeighted(net: MeshNetwork, clusters: readonly WeightedCluster[], req?: MeshRequest): WeightedCluster | undefined {
  if (clusters.length === 1) return clusters[0]
  const total = clusters.reduce((s, c) => s + Math.max(0, c.weight), 0)
  if (total <= 0) return clusters[0]
  const draw = net.rng.next() * total
  let left = draw
  let chosen = clusters.length - 1
  for (let i = 0; i < clusters.length; i++) {
    left -= Math.max(0, clusters[i]!.weight)
    if (left < 0) { chosen = i; break }
  }
  req?.trace?.add({ kind: 'weight', choices: clusters.map((c) => ({ destination: c.subset ? `${c.host} subset ${c.subset}` : c.cluster, weight: c.weight })), draw, chosen })
  return clusters[chosen]
}

function poolStep(cluster: string, pool: import('../control/types').ConnectionPool, before: { connections: number; requests: number; pending: number }, outcome: 'admitted' | 'queued' | 'rejected', reason?: string): import('../../telemetry/decision-trace').DecisionStep {
  if (reason === 'max-requests') return { kind: 'connectionPool', cluster, outcome, limit: 'http2MaxRequests', ...(pool.http2MaxRequests !== undefined ? { limitValue: pool.http2MaxRequests } : {}), inUse: before.requests }
  if (outcome === 'rejected') return { kind: 'connectionPool', cluster, outcome, limit: 'http1MaxPendingRequests', ...(pool.http1MaxPendingRequests !== undefined ? { limitValue: pool.http1MaxPendingRequests } : {}), inUse: before.pending }
  if (outcome === 'queued') return { kind: 'connectionPool', cluster, outcome, limit: 'maxConnections', ...(pool.maxConnections !== undefined ? { limitValue: pool.maxConnections } : {}), inUse: before.connections }
  return { kind: 'connectionPool', cluster, outcome }
}

function lbName(lb: LoadBalancer): string {
  return lb.kind === 'consistentHash' ? 'consistentHash' : lb.simple
}

function chance(net: MeshNetwork, percentage: number): boolean {
  return percentage >= 100 || net.rng.next() * 100 < percentage
}

/** What the client sees from its sidecar: `server: envoy` and the upstream service time. */
function clientFacing(r: MeshResponse, routeOps: HeaderOperations | undefined, wcOps: HeaderOperations | undefined, serviceMs: number, flags: string[]): MeshResponse {
  let headers: Header[] = []
  for (const h of r.headers) {
    const lowered = lowerHeader(h)
    if (lowered[0] !== 'server' && lowered[0] !== 'x-envoy-upstream-service-time') headers.push(lowered)
  }
  if (wcOps?.response || routeOps?.response) headers = [...applyOps(applyOps(headers, wcOps?.response), routeOps?.response)]
  headers.push(['x-envoy-upstream-service-time', String(serviceMs)], ['server', 'envoy'])
  return { ...r, headers, flags: flags.length ? [...flags, ...r.flags] : [...r.flags] }
}

/** The hop of a local reply only the client proxy saw. */
function localHop(proxy: ProxyAt, req: MeshRequest, startMs: number, endMs: number, r: MeshResponse, cluster: string): HopRecord {
  return { startMs, endMs, source: proxy.pod, request: req, status: r.status, flags: r.flags, mtls: false, cluster, reporters: { source: true, destination: false }, requestBytes: req.body.length, responseBytes: r.body.length } as HopRecord
}

/**
 * The destination service of a route whose weighted pick has not been drawn (a fault abort answers
 * before it): the host its destinations share. Istio's client-side metrics for an abort still name
 * it in destination_service, from the route's cluster, with destination_workload "unknown" and
 * response_flags FI (no upstream was picked; istio/istio#21923). Destinations on different hosts
 * name none: drawing the pick here would change the session's Rng sequence.
 */
function routeHost(clusters: readonly WeightedCluster[]): string | undefined {
  const host = clusters[0]?.host
  for (const c of clusters) if (c.host !== host) return undefined
  return host || undefined
}

/** Reports a local reply as a hop only the client proxy saw, and returns it. */
export function reported(net: MeshNetwork, proxy: ProxyAt, req: MeshRequest, startMs: number, r: MeshResponse, route?: Route, cluster?: string, destinationService?: string): MeshResponse {
  net.emitHop({
    startMs, endMs: net.clock.now(), source: proxy.pod, request: req, status: r.status, flags: r.flags, mtls: false,
    ...(cluster ? { cluster } : {}), ...(destinationService ? { destinationService } : {}), ...(route?.name ? { routeName: route.name } : {}),
    reporters: { source: true, destination: false }, requestBytes: req.body.length, responseBytes: r.body.length,
  })
  return r
}

/** A response the proxy makes itself (fault abort, no route, overflow, timeout). */
export function localReply(net: MeshNetwork, req: MeshRequest, status: number, body: string, flags: string[], extra: Header[] = []): MeshResponse {
  const headers: Header[] = [...extra]
  if (body) headers.push(['content-length', String(new TextEncoder().encode(body).length)], ['content-type', 'text/plain'])
  headers.push(['date', httpDate(net.clock.now())], ['server', 'envoy'])
  return { kind: 'response', status, headers, body, flags, remoteIp: req.dstIp, remotePort: req.dstPort }
}

function timeoutReply(net: MeshNetwork, req: MeshRequest): MeshResponse {
  return localReply(net, req, 504, 'upstream request timeout', ['UT'])
}
