// Tests for holding a socket's messages until the hub attaches.
import { EventEmitter } from 'node:events'
import type WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { holdMessages } from './held-messages'

const fakeWs = () => new EventEmitter() as unknown as WebSocket

describe('HeldMessages', () => {
  it('keeps messages in order until released, then stops listening', () => {
    const ws = fakeWs()
    const held = holdMessages(ws)
    ws.emit('message', Buffer.from('a'), true)
    ws.emit('message', Buffer.from('{"type":"ping","t":1}'), false)
    const released = held.release()
    ws.emit('message', Buffer.from('late'), true)
    expect(released.map((m) => [m.data.toString(), m.isBinary])).toEqual([['a', true], ['{"type":"ping","t":1}', false]])
    expect(held.release()).toEqual([])
    expect((ws as unknown as EventEmitter).listenerCount('message')).toBe(0)
  })

  it('drops and counts messages past its byte cap', () => {
    const ws = fakeWs()
    const held = holdMessages(ws, 10)
    ws.emit('message', Buffer.from('12345678'), true)
    ws.emit('message', Buffer.from('too long'), true)
    ws.emit('message', Buffer.from('ok'), true)
    expect(held.release().map((m) => m.data.toString())).toEqual(['12345678', 'ok'])
    expect(held.dropped).toBe(1)
  })

  it('dispose forgets what was held', () => {
    const ws = fakeWs()
    const held = holdMessages(ws)
    ws.emit('message', Buffer.from('x'), true)
    held.dispose()
    expect(held.release()).toEqual([])
    expect((ws as unknown as EventEmitter).listenerCount('message')).toBe(0)
  })
})
