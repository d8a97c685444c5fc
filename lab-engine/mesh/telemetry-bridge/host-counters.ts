// Per-endpoint request counts of each proxy's clusters, for Envoy admin /clusters (rq_total, rq_success, rq_error).
//
// Envoy docs, operations/admin (/clusters): per host, cx_* and rq_* counters, then
// health flags; rq_error counts 5xx answers and connection failures, rq_success the rest.

/** Hosts remembered per proxy and cluster; the oldest are dropped past this. */
export const MAX_HOSTS_PER_PROXY = 5_000

export interface HostCounts {
  rqTotal: number
  rqSuccess: number
  rqError: number
}

export class HostCounters {
  private readonly byProxy = new Map<string, Map<string, HostCounts>>()

  record(proxyUid: string, cluster: string, host: string, status: number): void {
    let m = this.byProxy.get(proxyUid)
    if (!m) this.byProxy.set(proxyUid, (m = new Map()))
    const key = `${cluster}\u0000${host}`
    let c = m.get(key)
    if (!c) {
      if (m.size >= MAX_HOSTS_PER_PROXY) m.delete(m.keys().next().value!)
      m.set(key, (c = { rqTotal: 0, rqSuccess: 0, rqError: 0 }))
    }
    c.rqTotal++
    if (status === 0 || status >= 500) c.rqError++
    else c.rqSuccess++
  }

  get(proxyUid: string, cluster: string, host: string): HostCounts {
    return this.byProxy.get(proxyUid)?.get(`${cluster}\u0000${host}`) ?? { rqTotal: 0, rqSuccess: 0, rqError: 0 }
  }

  removeProxy(proxyUid: string): void {
    this.byProxy.delete(proxyUid)
  }
}
