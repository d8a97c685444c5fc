// The sim's event feed: store changes, per-edge aggregates and sampled requests, as EngineEvents.
//
// Edges close each simulated second (DESIGN.md `edges`): windows are flushed
// when a later request arrives and, in real time, by a host tick, so an idle
// graph still sees the last second close. Requests are sampled (at most
// REQUEST_SAMPLES_PER_SECOND per simulated second) so fortio cannot flood a socket.
import type { HostTimers } from '../../core/clock'
import { DisposableStore, type Disposable } from '../../core/disposable'
import type { RequestRecord } from '../../telemetry'
import type { SimSession } from '../../sim/session'
import type { EngineEvent } from '../engine-event'

export const REQUEST_SAMPLES_PER_SECOND = 20
const TICK_MS = 1_000

export function feedSimEvents(session: SimSession, push: (e: EngineEvent) => void, host?: HostTimers): Disposable {
  const owned = new DisposableStore()
  owned.add(session.store.watch(({ type, object }) => {
    const m = object.metadata
    const change = type === 'ADDED' ? 'added' : type === 'MODIFIED' ? 'modified' : 'deleted'
    push({ v: 1, type: 'resource', change, kind: object.kind, apiVersion: object.apiVersion, namespace: m.namespace, name: m.name, resourceVersion: m.resourceVersion })
  }))
  const flushEdges = () => {
    const edges = session.telemetry.edges.flush(session.clock.now())
    if (edges.length) push({ v: 1, type: 'edges', atMs: session.clock.now(), edges })
  }
  const sampler = requestSampler(push)
  owned.add(session.telemetry.onRequest((r) => {
    flushEdges()
    sampler(r)
  }))
  if (host) owned.add(hostTicker(host, flushEdges))
  return owned
}

function requestSampler(push: (e: EngineEvent) => void): (r: RequestRecord) => void {
  let second = -1
  let sent = 0
  return (r) => {
    const s = Math.floor(r.endMs / 1000)
    if (s !== second) [second, sent] = [s, 0]
    if (sent++ >= REQUEST_SAMPLES_PER_SECOND) return
    push({
      v: 1, type: 'request', atMs: r.endMs,
      source: r.source ? `${r.source.namespace}/${r.source.workload}` : 'unknown',
      destination: r.destination ? `${r.destination.namespace}/${r.destination.workload}` : (r.destinationService?.host ?? 'unknown'),
      code: r.responseCode, latencyMs: r.sourceDurationMs, mtls: r.mtls,
    })
  }
}

function hostTicker(host: HostTimers, tick: () => void): Disposable {
  let handle: unknown
  let stopped = false
  const arm = () => {
    handle = host.setTimeout(() => {
      if (stopped) return
      tick()
      arm()
    }, TICK_MS)
  }
  arm()
  return { dispose: () => { stopped = true; host.clearTimeout(handle) } }
}
