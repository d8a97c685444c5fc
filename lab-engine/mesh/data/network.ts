// MeshNetwork: the session's simulated network -- who sends, which proxy routes, who answers.
//
// One per session (store, clock, Rng). Requests run as threads on the Scheduler so
// concurrent clients share simulated time. A pod with a running sidecar sends through
// it (outbound.ts); anything else connects directly (server-side.ts). Apps calling
// other services (productpage -> reviews) come back through send() from their pod.
import type { Clock } from '../../core/clock'
import { flowToPromise, runFlow, type Flow, type MaybePromise } from '../../core/flow'
import type { Rng } from '../../core/rng'
import { resolveName } from '../../cluster/dns'
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { hostsTable } from '../../pod-shell/pod-files'
import { CLUSTER_PUBLIC_ADDRESS, internetHost, type AppContext, type AppResponse, type UpstreamCall, type UpstreamFailure } from '../apps'
import { compileMesh } from '../control/compile'
import type { ProxyConfig } from '../control/types'
import {
  authorizationPoliciesFor, inferNamespaceMode, JwksResolver, meshSecurityConfigFromStore, peerAuthenticationModeFor, requestAuthenticationsFor,
  securityPolicies, type MeshSecurityConfig, type ModeDecision, type MtlsMode, type WorkloadRef,
} from '../security'
import { ClusterState } from './cluster-state'
import type { HopListener, HopRecord } from './hop'
import { DecisionRecorder, type DecisionTrace } from '../../telemetry/decision-trace'
import { hasSidecar, isGatewayPod } from './directory'
import { sidecarOutbound } from './outbound'
import type { ProxyAt } from './router'
import { Scheduler } from './scheduler'
import { deliver, type ClientSide, type Delivered } from './server-side'
import { lowerHeader, type Header, type MeshRequest, type MeshResult, type Origin } from './types'

/** Counters per proxy and cluster that Envoy's admin /stats reports. */
export interface ClusterStats { retries: number; pendingOverflow: number; ejections: number }

/** Cluster states one session keeps (proxies x clusters); the oldest are dropped past this. */
export const MAX_CLUSTER_STATES = 20_000

interface PolicyView {
  peer: KubeObject[]
  mesh: MeshSecurityConfig
  requestAuthn(w: WorkloadRef): KubeObject[]
  authz(w: WorkloadRef): KubeObject[]
  /** The PeerAuthentication mode a workload enforces on a port. */
  peerMode(w: WorkloadRef, port: number): ModeDecision
  /** The auto-mTLS hint for a namespace. */
  inferred(namespace: string): MtlsMode | undefined
}

/** Memoises a per-workload answer for one store state (workloads are few; requests are many). */
const labelKeys = new WeakMap<object, string>()

function labelKey(labels: Readonly<Record<string, string>>): string {
  let k = labelKeys.get(labels)
  if (k === undefined) labelKeys.set(labels, (k = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))))
  return k
}

function perWorkload<T>(compute: (w: WorkloadRef, extra: string) => T): (w: WorkloadRef, extra?: string) => T {
  const memo = new Map<string, T>()
  // In front of the memo: the same answers by label-object identity (a pod's labels object lives as long as
  // the pod object), so a request builds no key string.
  const byLabels = new WeakMap<object, Map<string, Map<string, T>>>()
  return (w, extra = '') => {
    let byNs = byLabels.get(w.labels)
    if (!byNs) byLabels.set(w.labels, (byNs = new Map()))
    let byExtra = byNs.get(w.namespace)
    if (!byExtra) byNs.set(w.namespace, (byExtra = new Map()))
    if (byExtra.has(extra)) return byExtra.get(extra) as T
    const key = `${w.namespace}|${extra}|${labelKey(w.labels)}`
    let v = memo.get(key)
    if (v === undefined && !memo.has(key)) memo.set(key, (v = compute(w, extra)))
    byExtra.set(extra, v as T)
    return v as T
  }
}

export class MeshNetwork {
  readonly scheduler: Scheduler
  readonly jwks: JwksResolver
  /** Where traffic leaving the cluster appears to come from (httpbin.org's `origin`). */
  readonly publicAddress = CLUSTER_PUBLIC_ADDRESS
  /** What the Prometheus addon answers /api/v1/query from: the session's telemetry (set by the session; absent headless). */
  metrics?: { query(promql: string, timeMs: number): unknown }
  /** "<pod uid>|<cluster>" in creation order: which entry to forget first past MAX_CLUSTER_STATES. */
  private readonly states = new Map<string, ClusterState>()
  private readonly clusterEntries = new Map<string, Map<string, { state: ClusterState; stats: ClusterStats }>>()
  private readonly appState = new Map<string, Map<string, unknown>>()
  private policyCache: { rv: string; size: number; view: PolicyView } | undefined
  /** Names apps resolve, per pod object, for one store state. */
  private dnsCache: { rv: string; size: number; byPod: WeakMap<KubeObject, Map<string, string | undefined>> } | undefined
  private hopListeners: readonly HopListener[] = []
  private readonly traceListeners = new Set<(t: DecisionTrace) => void>()

  constructor(readonly store: ObjectStore, readonly clock: Clock, readonly rng: Rng) {
    this.scheduler = new Scheduler(clock)
    this.jwks = new JwksResolver((uri) => this.fetchJwks(uri))
  }

  /** One request from an origin; call inside a scheduler thread (scheduler.run / spawn). */
  send(origin: Origin, req: MeshRequest): Promise<MeshResult> {
    return flowToPromise(this.sendFlow(origin, req))
  }

  /** send() as a flow (core/flow.ts), for the data plane's own stages. */
  *sendFlow(origin: Origin, req: MeshRequest): Flow<MeshResult> {
    if (origin.kind === 'pod' && hasSidecar(origin.pod) && !isGatewayPod(origin.pod) && !localhost(req.dstIp)) {
      const cfg = this.proxyConfig(origin.pod)
      if (cfg) return yield* sidecarOutbound(this, origin.pod, cfg, req)
    }
    const client: ClientSide = origin.kind === 'pod'
      ? { ip: origin.ip, sidecar: false, pod: origin.pod, namespace: origin.pod.metadata.namespace ?? 'default', serviceAccount: serviceAccountOf(origin.pod) }
      : { ip: origin.ip, sidecar: false }
    return (yield* this.deliverFlow(client, req)).result
  }

  /** Subscribes to every hop (telemetry, the live graph); returns the unsubscribe function. */
  onHop(listener: HopListener): () => void {
    // A new array per change: emitHop iterates a plain array (every hop), and a listener removed meanwhile still sees the hop in flight.
    this.hopListeners = [...this.hopListeners, listener]
    return () => { this.hopListeners = this.hopListeners.filter((l) => l !== listener) }
  }

  emitHop(hop: HopRecord): void {
    const listeners = this.hopListeners
    for (let i = 0; i < listeners.length; i++) listeners[i]!(hop)
  }

  /** Subscribes to finished decision traces (one per request a client sent). */
  onTrace(listener: (t: DecisionTrace) => void): () => void {
    this.traceListeners.add(listener)
    return () => this.traceListeners.delete(listener)
  }

  /**
   * A recorder for a request the origin is about to send; finish it with finishTrace().
   * Undefined while nobody listens for traces: the steps are then never built.
   */
  startTrace(origin: Origin, req: MeshRequest): DecisionRecorder | undefined {
    if (this.traceListeners.size === 0) return undefined
    const from = origin.kind === 'pod' ? `${origin.pod.metadata.namespace ?? 'default'}/${origin.pod.metadata.name}` : 'outside'
    const id = req.headers.find(([n]) => n === 'x-request-id')?.[1] ?? ''
    return new DecisionRecorder({ id, startMs: this.clock.now(), from, request: { method: req.method, authority: req.authority, path: req.path } })
  }

  finishTrace(recorder: DecisionRecorder | undefined, r: MeshResult): DecisionTrace | undefined {
    if (!recorder) return undefined
    const trace = recorder.finish(r.kind === 'response' ? { status: r.status, ...(r.flags.length ? { responseFlags: r.flags } : {}) } : { status: 0, curlExit: r.curlExitCode })
    for (const l of this.traceListeners) l(trace)
    return trace
  }

  /** Connects to the request's address as `client` and has it answered there. */
  deliverFlow(client: ClientSide, req: MeshRequest): Flow<Delivered> {
    return deliver(this, client, req)
  }

  proxyConfig(pod: KubeObject): ProxyConfig | undefined {
    // Once per (compiled mesh, pod object): a send asks for every hop, and forPod builds a key string.
    const mesh = compileMesh(this.store)
    let byPod = proxyConfigs.get(mesh)
    if (!byPod) proxyConfigs.set(mesh, (byPod = new WeakMap()))
    if (byPod.has(pod)) return byPod.get(pod)
    const cfg = mesh.forPod(pod.metadata.namespace ?? 'default', pod.metadata.name)
    byPod.set(pod, cfg)
    return cfg
  }

  /** The client end of a connection a sidecar (or gateway) opens to a cluster. */
  clientSideOf(pod: KubeObject, cfg: ProxyConfig, clusterName: string): ClientSide {
    // Once per (pod object, compiled config, cluster): every attempt asks.
    let byCfg = clientSides.get(pod)
    if (!byCfg) clientSides.set(pod, (byCfg = new WeakMap()))
    let byCluster = byCfg.get(cfg)
    if (!byCluster) byCfg.set(cfg, (byCluster = new Map()))
    let side = byCluster.get(clusterName)
    if (!side) {
      const tls = cfg.clusters.get(clusterName)?.trafficPolicy.tls?.mode
      side = {
        ip: (pod.status as { podIP?: string } | undefined)?.podIP ?? '', sidecar: true, pod,
        namespace: pod.metadata.namespace ?? 'default', serviceAccount: serviceAccountOf(pod),
        ...(tls ? { destinationRuleTls: tls } : {}),
      }
      if (byCluster.size < 1024) byCluster.set(clusterName, side)
    }
    return side
  }

  clusterState(proxy: ProxyAt, cluster: string): ClusterState {
    return this.perCluster(proxy, cluster).state
  }

  stats(proxy: ProxyAt, cluster: string): ClusterStats {
    return this.perCluster(proxy, cluster).stats
  }

  /** One proxy's state for one cluster; looked up per attempt, so keyed by pod then cluster without building strings. */
  private perCluster(proxy: ProxyAt, cluster: string): { state: ClusterState; stats: ClusterStats } {
    const uid = proxy.pod.metadata.uid
    let byCluster = this.clusterEntries.get(uid)
    if (!byCluster) this.clusterEntries.set(uid, (byCluster = new Map()))
    let entry = byCluster.get(cluster)
    if (!entry) {
      if (this.states.size >= MAX_CLUSTER_STATES) this.forgetOldestCluster()
      entry = { state: new ClusterState(this.scheduler, this.rng), stats: { retries: 0, pendingOverflow: 0, ejections: 0 } }
      byCluster.set(cluster, entry)
      this.states.set(`${uid}|${cluster}`, entry.state)
    }
    return entry
  }

  private forgetOldestCluster(): void {
    const oldest = this.states.keys().next().value!
    this.states.delete(oldest)
    const bar = oldest.indexOf('|')
    this.clusterEntries.get(oldest.slice(0, bar))?.delete(oldest.slice(bar + 1))
  }

  /** Counters and pool state of one proxy's clusters, for Envoy admin stats. */
  proxyClusters(pod: KubeObject): { cluster: string; state: ClusterState; stats: ClusterStats }[] {
    return [...(this.clusterEntries.get(pod.metadata.uid) ?? [])].map(([cluster, { state, stats }]) => ({ cluster, state, stats }))
  }

  containerState(pod: KubeObject, container: string): Map<string, unknown> {
    const k = `${pod.metadata.uid}/${container}`
    let m = this.appState.get(k)
    if (!m) this.appState.set(k, (m = new Map()))
    return m
  }

  /** Security policies, re-read when the store changes. */
  policies(): PolicyView {
    const rv = this.store.resourceVersion()
    const size = this.store.size()
    if (this.policyCache && this.policyCache.rv === rv && this.policyCache.size === size) return this.policyCache.view
    const mesh = meshSecurityConfigFromStore(this.store)
    const peer = securityPolicies(this.store, 'PeerAuthentication')
    const ra = securityPolicies(this.store, 'RequestAuthentication')
    const ap = securityPolicies(this.store, 'AuthorizationPolicy')
    const modes = perWorkload((w, port) => peerAuthenticationModeFor(peer, w, Number(port), mesh.rootNamespace))
    const inferredByNs = new Map<string, MtlsMode | undefined>()
    const view: PolicyView = {
      peer, mesh,
      requestAuthn: perWorkload((w) => requestAuthenticationsFor(ra, w, mesh.rootNamespace)),
      authz: perWorkload((w) => authorizationPoliciesFor(ap, w, mesh.rootNamespace)),
      peerMode: (w, port) => modes(w, String(port)),
      inferred: (ns) => {
        if (!inferredByNs.has(ns)) inferredByNs.set(ns, inferNamespaceMode(peer, ns, mesh.rootNamespace))
        return inferredByNs.get(ns)
      },
    }
    this.policyCache = { rv, size, view }
    return view
  }

  /** An external name to an address (ServiceEntry DNS resolution): the simulated internet's records. */
  resolveExternal(hostname: string): string | undefined {
    return internetHost(hostname)?.addresses[0] ?? lookupCluster(this.store, hostname)
  }

  /** An app's outgoing call, resolved from its pod and sent through the mesh (with the app's own timeout); a promise only if it had to wait. */
  appUpstream(pod: KubeObject, call: UpstreamCall): MaybePromise<AppResponse | UpstreamFailure> {
    return runFlow(this.appUpstreamFlow(pod, call))
  }

  private *appUpstreamFlow(pod: KubeObject, call: UpstreamCall): Flow<AppResponse | UpstreamFailure> {
    const ip = this.appResolve(pod, call.host)
    if (!ip) return { kind: 'upstream-failure', reason: 'resolve', message: `Name or service not known: ${call.host}` }
    const req: MeshRequest = {
      method: call.method, scheme: call.scheme ?? 'http', authority: call.port === 80 ? call.host : `${call.host}:${call.port}`, path: call.path,
      headers: loweredHeaders(call.headers), body: call.body ?? '', dstIp: ip, dstPort: call.port,
    }
    const origin: Origin = { kind: 'pod', pod, ip: (pod.status as { podIP?: string } | undefined)?.podIP ?? '' }
    const trace = this.startTrace(origin, req)
    if (trace) req.trace = trace
    const settled = call.timeoutMs
      ? yield* this.scheduler.withinFlow(call.timeoutMs, () => this.sendTraced(origin, req, trace))
      : { ok: true as const, value: yield* this.sendTraced(origin, req, trace) }
    if (!settled) return { kind: 'upstream-failure', reason: 'timeout', message: `Read timed out. (read timeout=${(call.timeoutMs ?? 0) / 1000})` }
    if (!settled.ok) throw settled.error
    const r = settled.value
    if (r.kind === 'failure') return { kind: 'upstream-failure', reason: r.curlExitCode === 7 ? 'connect' : 'reset', message: r.message }
    return { status: r.status, headers: r.headers, body: r.body, serviceTimeMs: 0 }
  }

  private *sendTraced(origin: Origin, req: MeshRequest, trace: DecisionRecorder | undefined): Flow<MeshResult> {
    const r = yield* this.sendFlow(origin, req)
    this.finishTrace(trace, r)
    return r
  }

  /** The address an app's resolver gives a name (the pod's /etc/hosts, cluster DNS, then the simulated internet). */
  private appResolve(pod: KubeObject, host: string): string | undefined {
    const rv = this.store.resourceVersion()
    const size = this.store.size()
    if (!this.dnsCache || this.dnsCache.rv !== rv || this.dnsCache.size !== size) this.dnsCache = { rv, size, byPod: new WeakMap() }
    let names = this.dnsCache.byPod.get(pod)
    if (!names) this.dnsCache.byPod.set(pod, (names = new Map()))
    if (names.has(host)) return names.get(host)
    const answer = resolveName(this.store, host, { namespace: pod.metadata.namespace ?? 'default', hosts: hostsTable(pod) })
    const ip = answer.kind === 'found' ? answer.addresses[0] : internetHost(host)?.addresses[0]
    if (names.size < 256) names.set(host, ip)
    return ip
  }

  /** What a public site's app gets: no upstream calls, no pod logs. */
  internetContext(hostname: string, address: string): AppContext {
    return {
      upstream: () => ({ kind: 'upstream-failure', reason: 'connect', message: 'not modelled' }),
      rng: this.rng, now: () => this.clock.now(),
      pod: { name: hostname, namespace: '', labels: {}, podIp: address, env: {} },
      appendLog: () => undefined,
    }
  }

  /** istiod fetching a jwksUri: the simulated internet (or an in-cluster service) answers at once. */
  private async fetchJwks(uri: string): Promise<string> {
    const url = new URL(uri)
    const site = internetHost(url.hostname)
    if (!site) throw new Error(`jwks fetch failed: ${url.hostname} does not resolve`)
    const res = await site.app.handle(
      { method: 'GET', path: url.pathname + url.search, headers: [['host', url.hostname]], body: '', scheme: url.protocol === 'https:' ? 'https' : 'http', host: url.hostname, sourceIp: this.publicAddress },
      this.internetContext(url.hostname, ''),
    )
    if (res.status !== 200) throw new Error(`jwks fetch failed: ${res.status}`)
    return res.body
  }
}

const proxyConfigs = new WeakMap<object, WeakMap<KubeObject, ProxyConfig | undefined>>()

/**
 * An app's call headers with lower-case names (Envoy lower-cases them). The last list is
 * remembered by identity: productpage sends one list to details and reviews (lists are never
 * changed in place).
 */
function loweredHeaders(headers: readonly Header[]): Header[] {
  if (headers !== lastLowered.from) lastLowered = { from: headers, to: headers.map(lowerHeader) }
  return lastLowered.to
}

let lastLowered: { from: readonly Header[] | undefined; to: Header[] } = { from: undefined, to: [] }

const clientSides = new WeakMap<KubeObject, WeakMap<ProxyConfig, Map<string, ClientSide>>>()

function serviceAccountOf(pod: KubeObject): string {
  return (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName || 'default'
}

function localhost(ip: string): boolean {
  return ip.startsWith('127.')
}

function lookupCluster(store: ObjectStore, hostname: string): string | undefined {
  const a = resolveName(store, hostname.endsWith('.') ? hostname : `${hostname}.`, { namespace: 'default' })
  return a.kind === 'found' ? a.addresses[0] : undefined
}

