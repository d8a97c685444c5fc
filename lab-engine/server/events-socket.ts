// Events socket (/ws/events/:sessionId): a driver's EngineEvents as JSON text frames, for the live graph and task list.
//
// Server -> client only: each frame is one EngineEvent (`{"v":1,"type":...}`).
// A client that reads too slowly does not grow memory: while the socket has
// more than the high-water mark unsent, events are dropped and counted, and
// once it drains the client gets `{"type":"gap","dropped":N}` so it can
// re-list what it shows. Client frames are ignored. The server pings every 30 s
// and terminates a socket that misses two pongs. When the events end (the driver stopped) the socket is
// closed with 1001; when the socket closes, the event stream is released.
import type WebSocket from 'ws'
import { toDisposable, type Disposable } from '../core/disposable'
import type { EngineEvent } from '../drivers/engine-event'
import { Heartbeat } from './heartbeat'
import { HOST_SCHEDULER, type HubScheduler } from './hub-scheduler'
import { wsBufferedAmount, type BufferedAmount } from './terminal-socket'

export const EVENTS_HIGH_WATER_BYTES = 256 * 1024

export interface EventsSocketOptions {
  highWaterBytes?: number
  bufferedAmount?: BufferedAmount
  /** Which events this client gets (all by default). */
  filter?: (event: EngineEvent) => boolean
  /** Events sent and dropped so far, for metrics. */
  onStats?: (stats: { sent: number; dropped: number }) => void
  /** Timers for the heartbeat (the host's by default). */
  scheduler?: HubScheduler
  heartbeatMs?: number
}

export function attachEventsSocket(ws: WebSocket, events: AsyncIterable<EngineEvent>, opts: EventsSocketOptions = {}): Disposable {
  const high = opts.highWaterBytes ?? EVENTS_HIGH_WATER_BYTES
  const buffered = opts.bufferedAmount ?? wsBufferedAmount
  const iterator = events[Symbol.asyncIterator]()
  const stats = { sent: 0, dropped: 0 }
  let gap = 0
  let done = false
  const heartbeat = new Heartbeat({ scheduler: opts.scheduler ?? HOST_SCHEDULER, intervalMs: opts.heartbeatMs })

  const stop = (code?: number, reason?: string) => {
    if (done) return
    done = true
    ws.off('close', onClose)
    heartbeat.dispose()
    void iterator.return?.()
    if (code !== undefined && ws.readyState === ws.OPEN) ws.close(code, reason)
  }
  const onClose = () => stop()
  ws.on('close', onClose)
  ws.on('error', () => {}) // the socket closes after an error; 'close' releases the stream
  if (ws.readyState !== ws.OPEN) stop() // gone before it got here: no 'close' event will come
  else heartbeat.add(ws)

  const send = (event: EngineEvent) => {
    if (ws.readyState !== ws.OPEN || (opts.filter && !opts.filter(event))) return
    if (buffered(ws) > high) {
      gap++
      stats.dropped++
      return
    }
    if (gap > 0) ws.send(JSON.stringify({ type: 'gap', dropped: gap }))
    gap = 0
    ws.send(JSON.stringify(event))
    stats.sent++
  }

  void (async () => {
    try {
      for (let r = await iterator.next(); !done && !r.done; r = await iterator.next()) {
        send(r.value)
        opts.onStats?.(stats)
      }
      stop(1001, 'lab session ended')
    } catch {
      stop(1011, 'event stream failed')
    }
  })()

  return toDisposable(() => stop(1001, 'detached'))
}
