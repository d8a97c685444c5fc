// The telemetry bridge: every hop the data plane reports becomes Istio metrics, access-log lines, spans and Envoy stats.
//
// Istio reports each request once per proxy that handled it (reporter=source on the
// client sidecar, reporter=destination on the server sidecar); peer metadata (workload,
// app, version, principal) is only known for peers that run a proxy. Access-log lines
// go to the proxy's stdout -- the istio-proxy container's log -- when
// meshConfig.accessLogFile is set (Istio docs, tasks/observability/logs/access-log).
import type { Disposable } from '../../core/disposable'
import { Rng } from '../../core/rng'
import { podLogsFor } from '../../cluster/pod-logs'
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import type { AccessLogRecord, EnvoyStats, RequestRecord, Telemetry } from '../../telemetry'
import { hasSidecar } from '../data/directory'
import type { Cluster } from '../control/types'
import type { HopRecord } from '../data/hop'
import type { MeshNetwork } from '../data/network'
import { inboundRecord, isLocalReply, outboundRecord } from './hop-access-log'
import { HopSpans } from './hop-spans'
import { ensureCluster } from './proxy-stats'
import { accessLogFile, statsInclusionsFor } from './proxy-settings'
import { destinationServiceOf, scrapeTargetOf, workloadInfoOf } from './workload-info'
import { HostCounters } from './host-counters'
import { serviceAddress } from './service-address'

export interface TelemetryBridgeOptions {
  /** Span ids come from here (default: a fixed seed), never from the session's request Rng. */
  rng?: Rng
}

export interface TelemetryBridge extends Disposable {
  readonly telemetry: Telemetry
  readonly network: MeshNetwork
  /** Per-endpoint request counts of each proxy's clusters (Envoy admin /clusters). */
  readonly hosts: HostCounters
  /** The Envoy stats of a pod's proxy, created with its proxyStatsMatcher inclusions. */
  statsFor(pod: KubeObject): EnvoyStats
  /** Hops the bridge could not record (a bug or a limit hit); requests are never failed for it. */
  readonly errors: number
}

export function attachTelemetry(network: MeshNetwork, telemetry: Telemetry, store: ObjectStore, opts: TelemetryBridgeOptions = {}): TelemetryBridge {
  const spans = new HopSpans(opts.rng ?? Rng.seeded('telemetry'))
  const hosts = new HostCounters()
  const known = new Set<string>()
  let errors = 0

  const statsFor = (pod: KubeObject): EnvoyStats => {
    const uid = pod.metadata.uid
    if (known.has(uid)) return telemetry.proxyStats(uid)
    sweep(store, telemetry, known, hosts)
    known.add(uid)
    // The matcher is fixed when Envoy starts (the annotation is read at injection), so it is read once per proxy.
    return telemetry.proxyStats(uid, statsInclusionsFor(store, pod))
  }

  const onHop = (hop: HopRecord): void => {
    if (telemetry.isDisposed) return
    try {
      telemetry.recordRequest(requestRecord(hop))
      for (const s of spans.spansFor(hop)) telemetry.recordSpan(s)
      recordStats(network, hop, statsFor, hosts)
      if (accessLogFile(store)) logAccess(store, network, telemetry, hop)
    } catch {
      errors++
    }
  }
  const stop = network.onHop(onHop)
  return {
    telemetry, network, hosts, statsFor,
    get errors() {
      return errors
    },
    dispose: () => void stop(),
  }
}

/** The metric record of a hop; peers without a proxy exchange no metadata. */
export function requestRecord(hop: HopRecord): RequestRecord {
  const src = hop.source && hasSidecar(hop.source) ? hop.source : undefined
  const dst = hop.destination && hasSidecar(hop.destination) ? hop.destination : undefined
  const svc = hop.destinationService ?? serviceFromAuthority(hop)
  return {
    endMs: hop.endMs,
    source: src ? workloadInfoOf(src) : null,
    destination: dst ? workloadInfoOf(dst) : null,
    destinationService: svc ? destinationServiceOf(svc) : null,
    protocol: 'http', responseCode: hop.status, responseFlags: hop.flags, mtls: hop.mtls, reporters: hop.reporters,
    sourceDurationMs: Math.max(0, hop.endMs - hop.startMs), requestBytes: hop.requestBytes, responseBytes: hop.responseBytes,
    ...(src ? { sourceTarget: scrapeTargetOf(src) } : {}), ...(dst ? { destinationTarget: scrapeTargetOf(dst) } : {}),
  }
}

/** A server sidecar without a client proxy names the service from the Host header, expanded in its namespace. */
function serviceFromAuthority(hop: HopRecord): string | undefined {
  if (!hop.destination) return undefined
  const host = hop.request.authority.replace(/:\d+$/, '').toLowerCase()
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host === '') return undefined
  if (host.endsWith('.svc.cluster.local')) return host
  const dots = host.split('.').length - 1
  if (dots === 0) return `${host}.${hop.destination.metadata.namespace ?? 'default'}.svc.cluster.local`
  if (dots === 1) return `${host}.svc.cluster.local`
  return host
}

/** Cluster stats already created, per proxy stats object (Envoy creates them once, when the cluster is added). */
const created = new WeakMap<EnvoyStats, Set<string>>()

function ensureOnce(stats: EnvoyStats, cluster: string, config: () => Cluster | undefined): void {
  let names = created.get(stats)
  if (!names) created.set(stats, (names = new Set()))
  if (names.has(cluster)) return
  names.add(cluster)
  ensureCluster(stats, cluster, config())
}

function recordStats(net: MeshNetwork, hop: HopRecord, statsFor: (pod: KubeObject) => EnvoyStats, hosts: HostCounters): void {
  if (hop.reporters.source && hop.source && hop.cluster) {
    const stats = statsFor(hop.source)
    const source = hop.source
    ensureOnce(stats, hop.cluster, () => net.proxyConfig(source)?.clusters.get(hop.cluster!))
    if (hop.status > 0 && !hop.flags.includes('FI')) stats.recordUpstreamResponse(hop.cluster, hop.status)
    if (hop.upstreamHost) hosts.record(hop.source.metadata.uid, hop.cluster, hop.upstreamHost, hop.status)
  }
  if (hop.reporters.destination && hop.destination && hop.status > 0) {
    const stats = statsFor(hop.destination)
    const inbound = `inbound|${hop.request.dstPort}||`
    ensureOnce(stats, inbound, () => undefined)
    stats.clusterInc(inbound, 'upstream_rq_total')
    stats.recordUpstreamResponse(inbound, hop.status)
  }
}

function logAccess(store: ObjectStore, net: MeshNetwork, telemetry: Telemetry, hop: HopRecord): void {
  if (hop.reporters.source && hop.source) write(store, net, telemetry, hop.source, outboundRecord(hop, serviceAddress(store, hop)))
  if (hop.reporters.destination && hop.destination && !isLocalReply(hop)) write(store, net, telemetry, hop.destination, inboundRecord(hop))
}

function write(store: ObjectStore, net: MeshNetwork, telemetry: Telemetry, pod: KubeObject, record: AccessLogRecord): void {
  const line = telemetry.logAccess(proxyOf(pod), record)
  podLogsFor(store, nowOf(net)).appendLog(pod.metadata.uid, 'istio-proxy', line)
}

/** The access-log store's proxy key, one object per pod object. */
const proxies = new WeakMap<KubeObject, { namespace: string; pod: string }>()

function proxyOf(pod: KubeObject): { namespace: string; pod: string } {
  let p = proxies.get(pod)
  if (!p) proxies.set(pod, (p = { namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name }))
  return p
}

/** The pod-log clock of a network, one function per network rather than one per line. */
const nows = new WeakMap<MeshNetwork, () => number>()

function nowOf(net: MeshNetwork): () => number {
  let now = nows.get(net)
  if (!now) nows.set(net, (now = () => net.clock.now()))
  return now
}

/** Forgets the stats of proxies whose pods are gone (Envoy's counters die with the pod). */
function sweep(store: ObjectStore, telemetry: Telemetry, known: Set<string>, hosts: HostCounters): void {
  if (known.size === 0) return
  const live = new Set(store.list({ kind: 'Pod' }).map((p) => p.metadata.uid))
  for (const uid of known) {
    if (live.has(uid)) continue
    known.delete(uid)
    telemetry.removeProxy(uid)
    hosts.removeProxy(uid)
  }
}
