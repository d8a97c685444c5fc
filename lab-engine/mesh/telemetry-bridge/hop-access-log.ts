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
import { headerValue } from '../data/types'

/** The ephemeral port range Linux hands out (net.ipv4.ip_local_port_range). */
const EPHEMERAL_LOW = 32768
const EPHEMERAL_SPAN = 60999 - 32768

/** A stable ephemeral port for one connection (the sim has no real sockets): hashed from its identity. */
export function ephemeralPortFor(key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return EPHEMERAL_LOW + ((h >>> 0) % EPHEMERAL_SPAN)
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

/** What both lines share: request line, status, sizes, timing and request headers. */
function common(hop: HopRecord): AccessLogRecord {
  const h = hop.request.headers
  const duration = Math.max(0, hop.endMs - hop.startMs)
  const ua = headerValue(h, 'user-agent')
  const rid = headerValue(h, 'x-request-id')
  const xff = headerValue(h, 'x-forwarded-for')
  return {
    startMs: hop.startMs, method: hop.request.method, path: hop.request.path, protocol: 'HTTP/1.1',
    ...(hop.originalPath ? { originalPath: hop.originalPath } : {}),
    responseCode: hop.status, responseFlags: hop.flags, responseCodeDetails: responseCodeDetails(hop),
    bytesReceived: hop.requestBytes, bytesSent: hop.responseBytes, durationMs: duration,
    ...(hop.status > 0 && !isLocalReply(hop) ? { upstreamServiceTimeMs: duration } : {}),
    ...(ua ? { userAgent: ua } : {}), ...(rid ? { requestId: rid } : {}), ...(xff ? { xForwardedFor: xff } : {}),
    authority: hop.request.authority, routeName: 'default',
  }
}

/** What tells one hop's connections apart (a propagated x-request-id is shared by every hop of a page). */
function connectionKey(hop: HopRecord): string {
  return `${headerValue(hop.request.headers, 'x-request-id') ?? ''}|${hop.source?.metadata.uid ?? ''}|${hop.startMs}`
}

/** A reply the client proxy made itself: the request never reached the destination. */
export function isLocalReply(hop: HopRecord): boolean {
  return !hop.reporters.destination && !hop.upstreamHost
}

/**
 * The client proxy's line. `serviceAddress` is the ClusterIP:port the app connected to
 * (the listener's original destination), when the hop went to a Service.
 */
export function outboundRecord(hop: HopRecord, serviceAddress: string | undefined): AccessLogRecord {
  const srcIp = podIpOf(hop.source)
  const rid = connectionKey(hop)
  const local = isLocalReply(hop)
  return {
    ...common(hop),
    ...(hop.upstreamHost ? { upstreamHost: hop.upstreamHost } : {}),
    ...(hop.cluster ? { upstreamCluster: hop.cluster } : {}),
    ...(srcIp && !local ? { upstreamLocalAddress: `${srcIp}:${ephemeralPortFor(`up|${rid}|${hop.upstreamHost}`)}` } : {}),
    downstreamLocalAddress: serviceAddress ?? `${hop.request.dstIp}:${hop.request.dstPort}`,
    ...(srcIp ? { downstreamRemoteAddress: `${srcIp}:${ephemeralPortFor(`down|${rid}`)}` } : {}),
  }
}

/** The server proxy's line (inbound|<port>||, 127.0.0.6 towards the app, SNI under mTLS). */
export function inboundRecord(hop: HopRecord): AccessLogRecord {
  const dstIp = podIpOf(hop.destination) ?? hop.request.dstIp
  const port = hop.request.dstPort
  const rid = connectionKey(hop)
  const clientIp = podIpOf(hop.source)
  const clientAddress = clientIp ? `${clientIp}:${ephemeralPortFor(`up|${rid}|${hop.upstreamHost}`)}` : undefined
  const sni = hop.mtls && hop.cluster ? sniOf(hop.cluster) : undefined
  return {
    ...common(hop),
    upstreamHost: `${dstIp}:${port}`, upstreamCluster: `inbound|${port}||`,
    upstreamLocalAddress: `127.0.0.6:${ephemeralPortFor(`in|${rid}`)}`,
    downstreamLocalAddress: `${dstIp}:${port}`,
    ...(clientAddress ? { downstreamRemoteAddress: clientAddress } : {}),
    ...(sni ? { requestedServerName: sni } : {}),
    upstreamTransportFailureReason: undefined,
  }
}

/** Istio's mTLS SNI for an outbound cluster: outbound|8000|v1|host -> outbound_.8000_.v1_.host. */
export function sniOf(cluster: string): string | undefined {
  const parts = cluster.split('|')
  if (parts.length !== 4 || parts[0] !== 'outbound') return undefined
  return `outbound_.${parts[1]}_.${parts[2]}_.${parts[3]}`
}
