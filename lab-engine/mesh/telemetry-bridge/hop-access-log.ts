// One hop as the access-log records of the proxies that saw it: the client sidecar's outbound line, the server sidecar's inbound line.
//
// Istio docs, tasks/observability/logs/access-log ("Test the access log"): the client
// (sleep) logs UPSTREAM_CLUSTER outbound|8000||httpbin.foo.svc.cluster.local,
// UPSTREAM_HOST the chosen pod ip:port and DOWNSTREAM_LOCAL_ADDRESS the service's
// ClusterIP:port; the server (httpbin) logs inbound|<targetPort>||, upstream local
// address 127.0.0.6 (Istio's inbound passthrough source), the pod ip:port as downstream
// local address, the client's ip:port as downstream remote address and, under mutual
// TLS, the SNI outbound_.<port>_.<subset>_.<host>. Both print route name "default".
// Envoy docs (access_log/usage): RESPONSE_CODE_DETAILS says why a reply was made
// (via_upstream for an upstream answer; the local reply's reason otherwise).
import type { KubeObject } from '../../cluster/types'
import { RESPONSE_CODE_DETAILS, type AccessLogRecord } from '../../telemetry'
import type { HopRecord } from '../data/hop'
import { isGatewayPod } from '../data/directory'
import type { Header } from '../data/types'

/** A request header by its lower-case name (MeshRequest keeps names lower-cased). */
export function header(headers: readonly Header[], name: string): string | undefined {
  for (const [n, v] of headers) if (n === name) return v
  return undefined
}

/** The ephemeral port range Linux hands out (net.ipv4.ip_local_port_range). */
const EPHEMERAL_LOW = 32768
const EPHEMERAL_SPAN = 60999 - 32768

/** A stable ephemeral port for one connection (the sim has no real sockets): hashed from its identity. */
export function ephemeralPortFor(key: string): number {
  return portOf(fnv(FNV_OFFSET, key))
}

const FNV_OFFSET = 0x811c9dc5

/** FNV-1a continued over one more piece: hashing "a" then "b" equals hashing "ab", without building "ab". */
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h
}

function portOf(h: number): number {
  return EPHEMERAL_LOW + ((h >>> 0) % EPHEMERAL_SPAN)
}

/** ephemeralPortFor(`${tag}${key}`), the connection's port for one role. */
function portFor(tag: string, key: string): number {
  return portOf(fnv(fnv(FNV_OFFSET, tag), key))
}

export function podIpOf(pod: KubeObject | undefined): string | undefined {
  return (pod?.status as { podIP?: string } | undefined)?.podIP
}

/** RESPONSE_CODE_DETAILS for a hop, from the response flags the proxy set. */
export function responseCodeDetails(hop: HopRecord): string {
  const f = hop.flags
  if (hop.status === 0) return 'upstream_reset_before_response_started{connection_failure}'
  if (f.includes('UO')) return RESPONSE_CODE_DETAILS.overflow
  if (f.includes('FI')) return RESPONSE_CODE_DETAILS.faultAbort
  if (f.includes('NR')) return RESPONSE_CODE_DETAILS.routeNotFound
  if (f.includes('NC')) return RESPONSE_CODE_DETAILS.clusterNotFound
  if (f.includes('UT')) return RESPONSE_CODE_DETAILS.responseTimeout
  if (f.includes('UH')) return 'no_healthy_upstream'
  if (f.includes('UF') || f.includes('URX')) return 'upstream_reset_before_response_started{connection_failure}'
  if (f.includes('UC')) return 'upstream_reset_before_response_started{connection_termination}'
  return RESPONSE_CODE_DETAILS.viaUpstream
}

/** The proxy-specific fields of a line. */
interface Ends {
  upstreamHost: string | undefined
  upstreamCluster: string | undefined
  upstreamLocalAddress: string | undefined
  downstreamLocalAddress: string | undefined
  downstreamRemoteAddress: string | undefined
  requestedServerName: string | undefined
}

/**
 * One full record: the request line, status, sizes, timing and request headers both
 * lines share, then the proxy's own addresses. Every field is always present (unset
 * ones undefined, printed "-") so all records share one object shape on the hot path.
 */
function record(hop: HopRecord, e: Ends): AccessLogRecord {
  const h = hop.request.headers
  const duration = Math.max(0, hop.endMs - hop.startMs)
  return {
    startMs: hop.startMs, method: hop.request.method, path: hop.request.path, originalPath: hop.originalPath, protocol: 'HTTP/1.1',
    responseCode: hop.status, responseFlags: hop.flags, responseCodeDetails: responseCodeDetails(hop),
    connectionTerminationDetails: undefined, upstreamTransportFailureReason: undefined,
    bytesReceived: hop.requestBytes, bytesSent: hop.responseBytes, durationMs: duration,
    upstreamServiceTimeMs: hop.status > 0 && !isLocalReply(hop) ? duration : undefined,
    xForwardedFor: header(h, 'x-forwarded-for'), userAgent: header(h, 'user-agent'), requestId: header(h, 'x-request-id'),
    authority: hop.request.authority,
    upstreamHost: e.upstreamHost, upstreamCluster: e.upstreamCluster, upstreamLocalAddress: e.upstreamLocalAddress,
    downstreamLocalAddress: e.downstreamLocalAddress, downstreamRemoteAddress: e.downstreamRemoteAddress,
    requestedServerName: e.requestedServerName, routeName: hop.routeName ?? 'default',
  }
}

/** What tells one hop's connections apart (a propagated x-request-id is shared by every hop of a page). */
function connectionKey(hop: HopRecord): string {
  if (hop !== memoHop) {
    memoHop = hop
    memoKey = `${header(hop.request.headers, 'x-request-id') ?? ''}|${hop.source?.metadata.uid ?? ''}|${hop.startMs}`
    memoClient = undefined
  }
  return memoKey
}

// Both lines of a hop (outbound, then inbound) share its connection key and client address:
// the last hop's are remembered.
let memoHop: HopRecord | undefined
let memoKey = ''
let memoClient: { address: string | undefined } | undefined

/** A reply the client proxy made itself: the request never reached the destination. */
export function isLocalReply(hop: HopRecord): boolean {
  return !hop.reporters.destination && !hop.upstreamHost
}

/** The client's address on the hop's connection, as both proxies print it. */
function clientConnection(hop: HopRecord, key: string): string | undefined {
  if (hop === memoHop && key === memoKey && memoClient) return memoClient.address
  const ip = podIpOf(hop.source)
  const address = ip ? `${ip}:${portOf(fnv(fnv(fnv(fnv(FNV_OFFSET, 'up|'), key), '|'), String(hop.upstreamHost)))}` : undefined
  if (hop === memoHop && key === memoKey) memoClient = { address }
  return address
}

/**
 * The client proxy's line. `serviceAddress` is the ClusterIP:port the app connected to
 * (the listener's original destination), when the hop went to a Service.
 */
export function outboundRecord(hop: HopRecord, serviceAddress: string | undefined): AccessLogRecord {
  const srcIp = podIpOf(hop.source)
  const key = connectionKey(hop)
  const gateway = !!hop.source && isGatewayPod(hop.source)
  const line = record(hop, {
    upstreamHost: hop.upstreamHost, upstreamCluster: hop.cluster,
    upstreamLocalAddress: isLocalReply(hop) ? undefined : clientConnection(hop, key),
    // A gateway's downstream is its own listener (8080 for http, 8443 for https) and the outside client.
    downstreamLocalAddress: gateway ? `${srcIp}:${hop.request.scheme === 'https' ? 8443 : 8080}` : serviceAddress ?? `${hop.request.dstIp}:${hop.request.dstPort}`,
    downstreamRemoteAddress: gateway ? clientOf(hop, key) : srcIp ? `${srcIp}:${portFor('down|', key)}` : undefined,
    requestedServerName: undefined,
  })
  return gateway ? { ...line, routeName: hop.routeName } : line
}

/** The client a gateway saw: the first x-forwarded-for address, when the request carries one. */
function clientOf(hop: HopRecord, key: string): string | undefined {
  const xff = header(hop.request.headers, 'x-forwarded-for')?.split(',')[0]?.trim()
  return xff ? `${xff}:${portFor('client|', key)}` : undefined
}

/** The server proxy's line (inbound|<port>||, 127.0.0.6 towards the app, SNI under mTLS). */
export function inboundRecord(hop: HopRecord): AccessLogRecord {
  const dstIp = podIpOf(hop.destination) ?? hop.request.dstIp
  const port = hop.request.dstPort
  const key = connectionKey(hop)
  const line = record(hop, {
    upstreamHost: `${dstIp}:${port}`, upstreamCluster: `inbound|${port}||`,
    upstreamLocalAddress: `127.0.0.6:${portFor('in|', key)}`,
    downstreamLocalAddress: `${dstIp}:${port}`,
    downstreamRemoteAddress: clientConnection(hop, key),
    requestedServerName: hop.mtls && hop.cluster ? sniOf(hop.cluster) : undefined,
  })
  // A denial the server sidecar answered itself never reached the app: its own details, no upstream.
  return hop.serverDetails ? { ...line, responseCodeDetails: hop.serverDetails, upstreamHost: undefined, upstreamLocalAddress: undefined, upstreamServiceTimeMs: undefined } : line
}

/** Istio's mTLS SNI for an outbound cluster: outbound|8000|v1|host -> outbound_.8000_.v1_.host. */
export function sniOf(cluster: string): string | undefined {
  if (snis.has(cluster)) return snis.get(cluster)
  const parts = cluster.split('|')
  const sni = parts.length !== 4 || parts[0] !== 'outbound' ? undefined : `outbound_.${parts[1]}_.${parts[2]}_.${parts[3]}`
  if (snis.size >= 1024) snis.clear()
  snis.set(cluster, sni)
  return sni
}

/** SNI per cluster name (every mTLS inbound line asks). */
const snis = new Map<string, string | undefined>()
