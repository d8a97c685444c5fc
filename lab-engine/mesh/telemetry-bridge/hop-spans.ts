// Trace spans of one hop: a client span on the sending proxy and a server span on the receiving one.
//
// Istio docs, tasks/observability/distributed-tracing/overview: each proxy reports its
// own span (Zipkin with shared_span_context false: separate client and server spans);
// spans join into one trace only when the app forwards the tracing headers. The trace
// context comes from the request's x-b3-* / b3 / traceparent headers; without them
// the trace id is the 128-bit x-request-id Envoy generated (Envoy's UUID request id is
// what its tracer keys sampling on, and Bookinfo forwards it on every call). A client
// span's parent is the server span its pod was handling for the same trace, so
// productpage -> reviews -> ratings nests as Jaeger shows it. Span ids come from the
// telemetry Rng, never the session's request Rng, so tracing leaves routing draws alone.
import type { Rng } from '../../core/rng'
import type { KubeObject } from '../../cluster/types'
import { extractTraceContext, newSpanId, proxySpanTags, spanOperationName, spanServiceName, type Span, type TraceContext, type WorkloadInfo } from '../../telemetry'
import type { HopRecord } from '../data/hop'
import { header as headerValue, podIpOf } from './hop-access-log'
import { RecentMap } from './recent-map'
import { workloadInfoOf } from './workload-info'

/** Open server spans remembered per (trace, pod) so outgoing calls can name their parent. */
export const MAX_OPEN_SERVER_SPANS = 2_000

const FLATTEN = /^/

/** (trace, pod) keys kept for reuse. */
const RECENT_KEYS = 8

/** Waiting client spans kept per (trace, pod). */
export const MAX_ORPHANS_PER_KEY = 64

export class HopSpans {
  private readonly serverSpanOf = new RecentMap<string>(MAX_OPEN_SERVER_SPANS)
  /** Client spans still waiting for the server span of their pod (an app's calls finish before its own reply). */
  private readonly orphans = new RecentMap<{ parentSpanId?: string }[]>(MAX_OPEN_SERVER_SPANS)

  constructor(private readonly rng: Rng) {}

  /** The spans a hop produces (none when the request says it is not sampled). */
  spansFor(hop: HopRecord): Span[] {
    const ctx = this.contextOf(hop)
    if (!ctx || !ctx.sampled) return []
    const out: Span[] = []
    let parent = ctx.spanId
    if (hop.reporters.source && hop.source) {
      const key = this.keyOf(ctx.traceId, hop.source.metadata.uid)
      const inbound = this.serverSpanOf.get(key)
      const client = this.span(hop, hop.source, 'client', ctx.traceId, inbound ?? (ctx.spanId || undefined))
      if (!inbound && !ctx.spanId) this.adopt(key, client)
      out.push(client)
      parent = client.spanId
    }
    if (hop.reporters.destination && hop.destination) {
      const server = this.span(hop, hop.destination, 'server', ctx.traceId, parent)
      const key = this.keyOf(ctx.traceId, hop.destination.metadata.uid)
      this.remember(key, server.spanId)
      for (const child of this.orphans.get(key) ?? []) child.parentSpanId = server.spanId
      this.orphans.delete(key)
      out.push(server)
    }
    return out
  }

  /**
   * "<trace id>|<pod uid>" for the last few pairs, one flat string object each: every hop of a
   * Bookinfo page asks for the same few, and the maps above keep the key (flat, not a rope).
   */
  private readonly recentKeys: { traceId: string; uid: string; key: string }[] = []
  private nextKeySlot = 0

  private keyOf(traceId: string, uid: string): string {
    for (const k of this.recentKeys) if (k.uid === uid && k.traceId === traceId) return k.key
    const key = `${traceId}|${uid}`
    FLATTEN.test(key)
    const entry = { traceId, uid, key }
    if (this.recentKeys.length < RECENT_KEYS) this.recentKeys.push(entry)
    else this.recentKeys[this.nextKeySlot] = entry
    this.nextKeySlot = (this.nextKeySlot + 1) % RECENT_KEYS
    return key
  }

  /** The last x-request-id turned into a trace id: every hop of one page carries the same one. */
  private lastRequestId: string | undefined
  private lastTraceId: string | null = null

  private contextOf(hop: HopRecord): TraceContext | null {
    // One pass over the headers: most hops carry no tracing headers of their own, and only
    // then is the header map worth building.
    let rid: string | undefined
    let sampledFlag: string | undefined
    let traced = false
    for (const [n, v] of hop.request.headers) {
      if (n === 'x-request-id') rid ??= v
      else if (n.startsWith('x-b3-') || n === 'b3' || n === 'traceparent') {
        traced = true
        if (n === 'x-b3-sampled') sampledFlag ??= v
      }
    }
    if (traced) {
      const found = extractTraceContext(Object.fromEntries(hop.request.headers))
      if (found) return found
    }
    const traceId = this.traceIdOf(rid)
    return traceId === null ? null : { traceId, spanId: '', sampled: sampledFlag !== '0' }
  }

  /** A UUID x-request-id as a 128-bit trace id, or null when it is not one (or all zeros). */
  private traceIdOf(rid: string | undefined): string | null {
    if (rid === undefined) return null
    if (rid === this.lastRequestId) return this.lastTraceId
    const hex = rid.replace(/-/g, '').toLowerCase()
    const traceId = /^[0-9a-f]{32}$/.test(hex) && /[^0]/.test(hex) ? hex : null
    this.lastRequestId = rid
    this.lastTraceId = traceId
    return traceId
  }

  private span(hop: HopRecord, pod: KubeObject, kind: 'client' | 'server', traceId: string, parent: string | undefined): Span {
    return new HopSpan(hop, podFactsOf(pod), kind, traceId, newSpanId(this.rng), parent)
  }

  private adopt(key: string, span: { parentSpanId?: string }): void {
    const list = this.orphans.get(key) ?? []
    if (list.length < MAX_ORPHANS_PER_KEY) list.push(span)
    this.orphans.set(key, list)
  }

  private remember(key: string, spanId: string): void {
    this.serverSpanOf.set(key, spanId)
  }
}

/**
 * A span with its tags built only when read (a tracing UI reads few of the kept spans).
 * `tags` is still an own enumerable property, as on a plain object (spreads and JSON keep
 * it), but through one shared accessor: an object literal with a getter costs about a
 * microsecond to create, this a fifth of that.
 */
class HopSpan implements Span {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string | undefined
  readonly service: string
  readonly operation: string
  readonly kind: 'client' | 'server'
  readonly startMs: number
  readonly durationMs: number
  declare readonly tags: Readonly<Record<string, string>>
  /** What the tags are built from, not the hop itself: a kept span would keep the hop's request alive. */
  #source: TagSource
  #facts: PodFacts
  #tags: Readonly<Record<string, string>> | undefined

  constructor(hop: HopRecord, facts: PodFacts, kind: 'client' | 'server', traceId: string, spanId: string, parent: string | undefined) {
    this.traceId = traceId
    this.spanId = spanId
    this.parentSpanId = parent || undefined
    this.service = facts.service
    this.operation = operationOf(hop)
    this.kind = kind
    this.startMs = hop.startMs
    this.durationMs = Math.max(0, hop.endMs - hop.startMs)
    this.#source = tagSourceOf(hop)
    this.#facts = facts
    Object.defineProperty(this, 'tags', HopSpan.#TAGS)
  }

  static readonly #TAGS: PropertyDescriptor = {
    enumerable: true,
    get(this: HopSpan) {
      return (this.#tags ??= tagsOf(this.#source, this.#facts, this.kind))
    },
  }
}

/** Operation names per (host, cluster, connection port): every hop of a route names the same one. */
const operations = new Map<string, Map<string, Map<number, string>>>()
const MAX_OPERATIONS = 1024

function operationOf(hop: HopRecord): string {
  const host = hop.destinationService ?? hop.request.authority.replace(/:\d+$/, '')
  let byCluster = operations.get(host)
  if (!byCluster) {
    if (operations.size >= MAX_OPERATIONS) operations.clear()
    operations.set(host, (byCluster = new Map()))
  }
  const cluster = hop.cluster ?? ''
  let byPort = byCluster.get(cluster)
  if (!byPort) {
    if (byCluster.size >= MAX_OPERATIONS) byCluster.clear()
    byCluster.set(cluster, (byPort = new Map()))
  }
  let op = byPort.get(hop.request.dstPort)
  if (op === undefined) {
    // The port comes from the cluster name (outbound|9080||...) when it has one, else from the connection.
    const port = Number(hop.cluster?.split('|')[1]) || hop.request.dstPort
    op = spanOperationName(host, port)
    if (byPort.size >= MAX_OPERATIONS) byPort.clear()
    byPort.set(hop.request.dstPort, op)
  }
  return op
}

/** What a proxy's spans say about its own pod, worked out once per pod object (store objects are replaced, not mutated). */
interface PodFacts {
  readonly info: WorkloadInfo
  readonly nodeId: string
  readonly service: string
}

const podFacts = new WeakMap<KubeObject, PodFacts>()

function podFactsOf(pod: KubeObject): PodFacts {
  let facts = podFacts.get(pod)
  if (facts) return facts
  const info = workloadInfoOf(pod)
  facts = {
    info,
    nodeId: `sidecar~${podIpOf(pod) ?? ''}~${pod.metadata.name}.${info.namespace}~${info.namespace}.svc.cluster.local`,
    service: spanServiceName(info.app ?? info.workload, info.namespace),
  }
  podFacts.set(pod, facts)
  return facts
}

/** The facts of a hop a span's tags need (strings and numbers the hop already holds). */
interface TagSource {
  readonly requestId: string | undefined
  readonly userAgent: string | undefined
  readonly scheme: string
  readonly authority: string
  readonly path: string
  readonly method: string
  readonly requestBytes: number
  readonly responseBytes: number
  readonly status: number
  readonly flags: readonly string[]
  readonly upstreamHost: string | undefined
  readonly dstIp: string
  readonly dstPort: number
  readonly sourceIp: string | undefined
  readonly cluster: string | undefined
}

function tagSourceOf(hop: HopRecord): TagSource {
  const r = hop.request
  return {
    requestId: headerValue(r.headers, 'x-request-id'), userAgent: headerValue(r.headers, 'user-agent'),
    scheme: r.scheme, authority: r.authority, path: r.path, method: r.method,
    requestBytes: hop.requestBytes, responseBytes: hop.responseBytes, status: hop.status, flags: hop.flags,
    upstreamHost: hop.upstreamHost, dstIp: r.dstIp, dstPort: r.dstPort, sourceIp: podIpOf(hop.source), cluster: hop.cluster,
  }
}

/** The tags of one proxy's span of a hop. */
function tagsOf(t: TagSource, facts: PodFacts, kind: 'client' | 'server'): Record<string, string> {
  const w = facts.info
  const peer = kind === 'client' ? t.upstreamHost ?? `${t.dstIp}:${t.dstPort}` : `${t.sourceIp ?? '127.0.0.6'}:0`
  return proxySpanTags({
    nodeId: facts.nodeId,
    requestId: t.requestId ?? '-',
    url: `${t.scheme}://${t.authority}${t.path}`,
    method: t.method, protocol: 'HTTP/1.1',
    userAgent: t.userAgent,
    requestSize: t.requestBytes, responseSize: t.responseBytes, statusCode: t.status, responseFlags: t.flags,
    peerAddress: peer, upstreamCluster: kind === 'client' ? t.cluster : `inbound|${t.dstPort}||`,
    canonicalService: w.canonicalService ?? w.app ?? w.workload, canonicalRevision: w.canonicalRevision ?? w.version ?? 'latest', namespace: w.namespace,
  })
}
