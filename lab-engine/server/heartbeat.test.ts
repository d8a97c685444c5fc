// Tests for the socket heartbeat with hand-driven timers and fake sockets.
import { EventEmitter } from 'node:events'
import type WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { Heartbeat } from './heartbeat'
import { ManualScheduler } from './hub-scheduler'

class FakeWs extends EventEmitter {
  readonly OPEN = 1
  readyState = 1
  pings = 0
  terminated = false
  ping() {
    this.pings++
  }
  terminate() {
    this.terminated = true
    this.readyState = 3
  }
}

function rig() {
  const scheduler = new ManualScheduler()
  const timedOut: FakeWs[] = []
  const hb = new Heartbeat({ scheduler, intervalMs: 1000, maxMissed: 2, onTimeout: (ws) => timedOut.push(ws as unknown as FakeWs) })
  const add = () => {
    const ws = new FakeWs()
    return { ws, handle: hb.add(ws as unknown as WebSocket) }
  }
  return { scheduler, hb, add, timedOut }
}

describe('Heartbeat', () => {
  it('terminates a socket after two unanswered pings, keeps one that answers', () => {
    const { scheduler, add, timedOut } = rig()
    const silent = add().ws
    const answering = add().ws
    answering.on('ping', () => {})
    for (let beat = 1; beat <= 2; beat++) {
      scheduler.advance(1000)
      expect(silent.pings).toBe(beat)
      answering.emit('pong')
    }
    expect(silent.terminated).toBe(false)
    scheduler.advance(1000)
    expect(silent.terminated).toBe(true)
    expect(timedOut).toEqual([silent])
    expect(answering.terminated).toBe(false)
    expect(answering.pings).toBe(3)
  })

  it('counts any sign of life (a control message) as an answer', () => {
    const { scheduler, hb, add } = rig()
    const { ws } = add()
    for (let i = 0; i < 5; i++) {
      scheduler.advance(1000)
      hb.alive(ws as unknown as WebSocket)
    }
    expect(ws.terminated).toBe(false)
  })

  it('stops watching a removed socket, and arms no timer with nothing to watch', () => {
    const { scheduler, add } = rig()
    const { ws, handle } = add()
    handle.dispose()
    scheduler.advance(10_000)
    expect(ws.pings).toBe(0)
    expect(ws.terminated).toBe(false)
    expect(ws.listenerCount('pong')).toBe(0)
    expect(scheduler.pendingTimers).toBe(0)
  })
})
