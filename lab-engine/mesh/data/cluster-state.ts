// Per-proxy, per-cluster runtime state: connection pool (circuit breaker), outlier detection, load balancer.
//
// Envoy circuit breaking (Istio DestinationRule connectionPool): an HTTP/1.1 request
// needs a connection; past tcp.maxConnections it waits in the pending queue; past
// http1MaxPendingRequests it is rejected at once (503, flag UO,
// upstream_rq_pending_overflow). http2MaxRequests caps requests in flight.
// maxRequestsPerConnection 1 closes each connection after its request, and the slot
// frees only once the close is seen, a moment later -- which is why fortio with two
// clients already sees a few 503s in Istio's circuit-breaking task.
// Outlier detection (Envoy outlier docs): consecutive 5xx from a host eject it for
// baseEjectionTime x (times ejected), unless maxEjectionPercent are already out.
import type { Rng } from '../../core/rng'
import type { ConnectionPool, LbEndpoint, LoadBalancer, OutlierDetection } from '../control/types'
import type { Scheduler, Waiter } from './scheduler'

/** Requests one cluster may hold waiting for a connection when the DestinationRule sets no limit. */
export const MAX_PENDING_UNBOUNDED = 100_000
/** How long a closed upstream connection still counts against maxConnections (Envoy sees the close a moment later); 0.3 ms gives the circuit-breaking task its documented 503 shares (~15-20% at -c 2, ~60% at -c 3). */
export const CONNECTION_CLOSE_MS = 0.3

export interface PoolCounters {
  pendingOverflow: number
  cxTotal: number
  rqTotal: number
  rqPendingTotal: number
  ejectionsTotal: number
}

export type Admission = { ok: true; release: (reuse: boolean) => void; newConnection: boolean } | { ok: false; reason: 'pending-overflow' | 'max-requests' }

interface HostState { consecutive5xx: number; ejectedUntil: number; ejections: number }

export class ClusterState {
  private connections = 0
  private idle = 0
  private requests = 0
  private readonly pending: Waiter<void>[] = []
  private readonly hosts = new Map<string, HostState>()
  private rr = 0
  /** The latest ejectedUntil of any host: before it nothing is ejected. */
  private ejectedUntilMax = 0
  readonly counters: PoolCounters = { pendingOverflow: 0, cxTotal: 0, rqTotal: 0, rqPendingTotal: 0, ejectionsTotal: 0 }

  constructor(private readonly scheduler: Scheduler, private readonly rng: Rng) {}

  /** Takes a connection (waiting in the pending queue if needed) or says why the request overflowed; a promise only when it must wait. */
  admit(pool: ConnectionPool): Admission | Promise<Admission> {
    if (pool.http2MaxRequests !== undefined && this.requests >= pool.http2MaxRequests) {
      this.counters.pendingOverflow++
      return { ok: false, reason: 'max-requests' }
    }
    this.counters.rqTotal++
    if (this.idle > 0) this.idle--
    else if (pool.maxConnections === undefined || this.connections < pool.maxConnections) {
      this.connections++
      this.counters.cxTotal++
      return this.admitted(pool, true)
    } else {
      if (this.pending.length >= (pool.http1MaxPendingRequests ?? MAX_PENDING_UNBOUNDED)) {
        this.counters.pendingOverflow++
        this.counters.rqTotal--
        return { ok: false, reason: 'pending-overflow' }
      }
      this.counters.rqPendingTotal++
      const w = this.scheduler.waiter<void>()
      this.pending.push(w)
      return w.wait().then(() => this.admitted(pool, false))
    }
    return this.admitted(pool, false)
  }

  private admitted(pool: ConnectionPool, newConnection: boolean): Admission {
    this.requests++
    return { ok: true, newConnection, release: (reuse) => this.release(pool, reuse) }
  }

  private release(pool: ConnectionPool, reuse: boolean): void {
    this.requests--
    const keep = reuse && pool.maxRequestsPerConnection !== 1
    if (keep) return this.handOver()
    // The connection closes; its slot is free once the close is noticed.
    this.scheduler.spawn(async () => {
      await this.scheduler.sleep(CONNECTION_CLOSE_MS * (0.5 + this.rng.next()))
      this.connections--
      const next = this.pending.shift()
      if (next) { this.connections++; this.counters.cxTotal++; next.wake() }
    }).catch(() => undefined)
  }

  /** A kept-alive connection goes to the next waiting request, or back to idle. */
  private handOver(): void {
    const next = this.pending.shift()
    if (next) next.wake()
    else this.idle++
  }

  /** Endpoints the load balancer may use now: healthy and not ejected (all of them if every one is out). */
  /** Read-only: while no host is ejected, the same array for the same endpoints. */
  candidates(endpoints: readonly LbEndpoint[], now: number): readonly LbEndpoint[] {
    const healthy = healthyOf(endpoints)
    // Nothing ejected now (the usual case): the healthy list as it is.
    if (this.ejectedUntilMax <= now) return healthy
    return healthy.filter((e) => (this.hosts.get(key(e))?.ejectedUntil ?? 0) <= now)
  }

  pick(lb: LoadBalancer, endpoints: readonly LbEndpoint[], avoid: ReadonlySet<string>, hashKey?: string): LbEndpoint | undefined {
    const fresh = avoid.size === 0 ? endpoints : endpoints.filter((e) => !avoid.has(key(e)))
    const list = fresh.length ? fresh : endpoints
    if (list.length === 0) return undefined
    if (lb.kind === 'consistentHash') return list[hashOf(hashKey ?? '') % list.length]
    if (lb.simple === 'ROUND_ROBIN') return list[this.rr++ % list.length]
    // LEAST_REQUEST (Istio's default) is Envoy's power of two choices; with equal load it is random.
    return list[this.rng.int(list.length)]
  }

  /** Feeds outlier detection with one response from a host; returns true when it was ejected now. */
  observe(od: OutlierDetection | undefined, e: LbEndpoint, status: number, now: number, all: readonly LbEndpoint[]): boolean {
    const state = this.hosts.get(key(e)) ?? { consecutive5xx: 0, ejectedUntil: 0, ejections: 0 }
    this.hosts.set(key(e), state)
    if (status < 500) { state.consecutive5xx = 0; return false }
    state.consecutive5xx++
    const limit = od?.consecutive5xxErrors ?? od?.consecutiveGatewayErrors
    if (!od || limit === undefined || limit <= 0 || state.consecutive5xx < limit || state.ejectedUntil > now) return false
    const ejected = all.filter((h) => (this.hosts.get(key(h))?.ejectedUntil ?? 0) > now).length
    if (all.length > 0 && (ejected * 100) / all.length >= od.maxEjectionPercent && ejected > 0) return false
    state.ejections++
    state.ejectedUntil = now + od.baseEjectionTimeMs * state.ejections
    this.ejectedUntilMax = Math.max(this.ejectedUntilMax, state.ejectedUntil)
    state.consecutive5xx = 0
    this.counters.ejectionsTotal++
    return true
  }

  ejectedCount(endpoints: readonly LbEndpoint[], now: number): number {
    return endpoints.filter((e) => (this.hosts.get(key(e))?.ejectedUntil ?? 0) > now).length
  }

  get inFlight(): { connections: number; requests: number; pending: number } {
    return { connections: this.connections, requests: this.requests, pending: this.pending.length }
  }
}

export function key(e: LbEndpoint): string {
  let k = endpointKeys.get(e)
  if (k === undefined) endpointKeys.set(e, (k = `${e.address}:${e.port}`))
  return k
}

/** The HEALTHY endpoints of a compiled endpoint list (lists live as long as their config and never change). */
function healthyOf(endpoints: readonly LbEndpoint[]): readonly LbEndpoint[] {
  let healthy = healthyLists.get(endpoints)
  if (!healthy) healthyLists.set(endpoints, (healthy = endpoints.filter((e) => e.health === 'HEALTHY')))
  return healthy
}

const healthyLists = new WeakMap<readonly LbEndpoint[], readonly LbEndpoint[]>()

/** "address:port" per endpoint object (compiled endpoints live as long as their config). */
const endpointKeys = new WeakMap<LbEndpoint, string>()

function hashOf(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}
