// Tests for the session Clock in virtual and real-time modes.
import { describe, expect, it } from 'vitest'
import { Clock, ClockError, DEFAULT_VIRTUAL_EPOCH_MS, rfc3339, type HostTimers } from './clock'

describe('virtual Clock', () => {
  it('stands still until advanced', () => {
    const clock = Clock.virtual({ startMs: 1000 })
    expect(clock.now()).toBe(1000)
    clock.advanceBy(250)
    expect(clock.now()).toBe(1250)
    expect(Clock.virtual().now()).toBe(DEFAULT_VIRTUAL_EPOCH_MS)
  })

  it('fires timers by deadline and equal deadlines in the order they were set', () => {
    const clock = Clock.virtual({ startMs: 0 })
    const seen: string[] = []
    clock.setTimer(20, () => seen.push('c'))
    clock.setTimer(10, () => seen.push('a'))
    clock.setTimer(10, () => seen.push('b'))
    clock.setTimer(20, () => seen.push('d'))
    clock.advanceTo(15)
    expect(seen).toEqual(['a', 'b'])
    clock.runUntilIdle()
    expect(seen).toEqual(['a', 'b', 'c', 'd'])
    expect(clock.now()).toBe(20)
  })

  it('shows each callback its own deadline as now()', () => {
    const clock = Clock.virtual({ startMs: 0 })
    const times: number[] = []
    clock.setTimer(5, () => times.push(clock.now()))
    clock.setTimer(9, () => times.push(clock.now()))
    clock.advanceTo(100)
    expect(times).toEqual([5, 9])
  })

  it('fires timers set by callbacks when they fall within the advance', () => {
    const clock = Clock.virtual({ startMs: 0 })
    const seen: number[] = []
    clock.setTimer(10, () => clock.setTimer(5, () => seen.push(clock.now())))
    clock.advanceTo(15)
    expect(seen).toEqual([15])
  })

  it('does not fire a disposed timer', () => {
    const clock = Clock.virtual({ startMs: 0 })
    let fired = false
    const t = clock.setTimer(10, () => (fired = true))
    t.dispose()
    clock.runUntilIdle()
    expect(fired).toBe(false)
    expect(clock.pending()).toBe(0)
  })

  it('stops a self-rearming loop with a clear error', () => {
    const clock = Clock.virtual({ startMs: 0 })
    const loop = () => { clock.setTimer(1, loop) }
    loop()
    expect(() => clock.runUntilIdle(50)).toThrow(ClockError)
  })

  it('resolves sleep when time passes and rejects it on abort', async () => {
    const clock = Clock.virtual({ startMs: 0 })
    const slept = clock.sleep(100)
    clock.advanceBy(100)
    await expect(slept).resolves.toBeUndefined()

    const ac = new AbortController()
    const aborted = clock.sleep(100, ac.signal)
    ac.abort(new Error('ctrl-c'))
    await expect(aborted).rejects.toThrow('ctrl-c')
    expect(clock.pending()).toBe(0)

    const pre = new AbortController()
    pre.abort()
    await expect(clock.sleep(1, pre.signal)).rejects.toBeDefined()
  })

  it('routes callback errors to onError when given', () => {
    const errors: unknown[] = []
    const clock = Clock.virtual({ startMs: 0, onError: (e) => errors.push(e) })
    let later = false
    clock.setTimer(1, () => { throw new Error('x') })
    clock.setTimer(2, () => (later = true))
    clock.runUntilIdle()
    expect(errors).toHaveLength(1)
    expect(later).toBe(true)
  })

  it('snapshots time and pending timer records, and restores time', () => {
    const clock = Clock.virtual({ startMs: 0 })
    clock.setTimer(30, () => {}, 'pod-start')
    clock.advanceTo(10)
    const state = JSON.parse(JSON.stringify(clock.snapshot()))
    expect(state).toEqual({ now: 10, seq: 1, timers: [{ at: 30, seq: 0, label: 'pod-start' }] })
    const copy = Clock.restore(state)
    expect(copy.now()).toBe(10)
    expect(copy.pending()).toBe(0)
    expect(copy.setTimer(1, () => {}).at).toBe(11)
  })
})

function fakeHost(start: number) {
  let t = start
  const pending = new Map<number, { at: number; fn: () => void }>()
  let next = 1
  const host: HostTimers = {
    now: () => t,
    setTimeout: (fn, ms) => { pending.set(next, { at: t + ms, fn }); return next++ },
    clearTimeout: (h) => { pending.delete(h as number) },
  }
  const tick = (ms: number) => {
    t += ms
    for (const [id, p] of [...pending]) if (p.at <= t) { pending.delete(id); p.fn() }
  }
  return { host, tick, pending }
}

describe('real-time Clock', () => {
  it('follows the host clock and fires through one host timeout', () => {
    const { host, tick, pending } = fakeHost(5000)
    const clock = Clock.realtime(host)
    const seen: string[] = []
    clock.setTimer(100, () => seen.push('b'))
    clock.setTimer(50, () => seen.push('a'))
    expect(pending.size).toBe(1)
    tick(60)
    expect(seen).toEqual(['a'])
    expect(clock.now()).toBe(5060)
    tick(60)
    expect(seen).toEqual(['a', 'b'])
    expect(pending.size).toBe(0)
  })

  it('refuses manual advances and continues from a restored instant', () => {
    const { host } = fakeHost(5000)
    expect(() => Clock.realtime(host).advanceBy(1)).toThrow(ClockError)
    const restored = Clock.restore({ now: 100, seq: 0, timers: [] }, host)
    expect(restored.now()).toBe(100)
  })
})

describe('rfc3339', () => {
  it('formats at second precision like creationTimestamp', () => {
    expect(rfc3339(Date.UTC(2026, 0, 1, 12, 30, 5, 999))).toBe('2026-01-01T12:30:05Z')
  })
})

describe('Clock.elapse (a timer set and fired at once, for a caller nothing else can observe)', () => {
  it('moves time and uses a sequence number exactly as setTimer + advanceTo would', () => {
    const a = Clock.virtual({ startMs: 0 })
    const b = Clock.virtual({ startMs: 0 })
    a.setTimer(2.5, () => undefined)
    a.advanceTo(a.nextDeadline()!)
    expect(b.elapse(2.5)).toBe(true)
    expect(b.snapshot()).toEqual(a.snapshot())
  })

  it('refuses (and changes nothing) when a pending timer is due by the deadline, or in real time', () => {
    const c = Clock.virtual({ startMs: 0 })
    c.setTimer(5, () => undefined)
    expect(c.elapse(5)).toBe(false)
    expect(c.snapshot()).toMatchObject({ now: 0, seq: 1 })
    expect(c.elapse(4.9)).toBe(true)
    expect(c.now()).toBe(4.9)
    const host: HostTimers = { now: () => 0, setTimeout: () => 1, clearTimeout: () => undefined }
    expect(Clock.realtime(host).elapse(1)).toBe(false)
  })
})
