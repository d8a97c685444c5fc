// The scheduler's fast path takes a sleep at once only when no other thread or timer could tell,
// and then leaves the clock exactly as the general path would (time, timer sequence numbers).
import { afterEach, describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { Scheduler } from './scheduler'

afterEach(() => {
  Scheduler.sleepAtOnce = true
})

/** Runs a scenario with the fast path on or off; returns what it logged, the clock state and how many sleeps were taken at once. */
async function both<T>(scenario: (s: Scheduler, clock: Clock, rng: Rng) => Promise<T>) {
  const out = []
  for (const atOnce of [false, true]) {
    Scheduler.sleepAtOnce = atOnce
    const clock = Clock.virtual({ startMs: 0 })
    const rng = Rng.seeded(42)
    const s = new Scheduler(clock)
    const value = await s.run(() => scenario(s, clock, rng))
    out.push({ value, now: clock.now(), seq: clock.snapshot().seq, rng: rng.snapshot(), atOnce: s.sleepsTakenAtOnce })
  }
  return { slow: out[0]!, fast: out[1]! }
}

describe('sleeps taken at once (sleep-at-once.ts)', () => {
  it('a lone thread: every sleep taken at once, same times, timer sequence and Rng draws as the general path', async () => {
    const { slow, fast } = await both(async (s, clock, rng) => {
      const log: string[] = []
      for (let i = 0; i < 20; i++) { await s.sleep(rng.next() * 3); log.push(clock.now().toFixed(6)) }
      return log
    })
    expect(fast.value).toEqual(slow.value)
    expect({ ...fast, atOnce: 0 }).toEqual({ ...slow, atOnce: 0 })
    expect(slow.atOnce).toBe(0)
    expect(fast.atOnce).toBe(20)
  })

  it('concurrent threads take the general path: the interleaving is unchanged', async () => {
    const { slow, fast } = await both(async (s, clock) => {
      const log: string[] = []
      const worker = async (name: string, steps: number[]) => {
        for (const ms of steps) { await s.sleep(ms); log.push(`${name}@${clock.now()}`) }
      }
      await s.all([() => worker('a', [5, 5]), () => worker('b', [3, 10])])
      return log
    })
    expect(fast.value).toEqual(['b@3', 'a@5', 'a@10', 'b@13'])
    expect(fast).toEqual({ ...slow, atOnce: fast.atOnce })
    // Only b's last sleep (a has finished) runs alone.
    expect(fast.atOnce).toBe(1)
  })

  it('a timer due before the deadline fires first: that sleep waits the general way', async () => {
    const { slow, fast } = await both(async (s, clock) => {
      const log: string[] = []
      clock.setTimer(4, () => log.push(`timer@${clock.now()}`))
      await s.sleep(10)
      log.push(`thread@${clock.now()}`)
      await s.sleep(1)
      log.push(`thread@${clock.now()}`)
      return log
    })
    expect(fast.value).toEqual(['timer@4', 'thread@10', 'thread@11'])
    expect(fast).toEqual({ ...slow, atOnce: 1 })
  })

  it('a thread waiting on another (a timeout race) lets the running one sleep at once; the race ends as before', async () => {
    const { slow, fast } = await both(async (s, clock) => {
      const inTime = await s.within(50, async () => { await s.sleep(20); await s.sleep(20); return clock.now() })
      const late = await s.within(30, async () => { await s.sleep(20); await s.sleep(20); return clock.now() })
      return { inTime, late, at: clock.now() }
    })
    expect(fast.value).toEqual({ inTime: { ok: true, value: 40 }, late: undefined, at: 70 })
    expect(fast).toEqual({ ...slow, atOnce: fast.atOnce })
    // The child's first sleep too (its caller only goes idle after it); not the one past the 70 ms timeout.
    expect(fast.atOnce).toBe(3)
  })

  it('a thread that spawns a child and runs on: the child\'s sleep waits the general way, the interleaving is unchanged', async () => {
    const { slow, fast } = await both(async (s, clock) => {
      const log: string[] = []
      void s.spawn(async () => { await s.sleep(5); log.push(`child@${clock.now()}`) })
      await s.sleep(3) // alone (the child waits on its timer) and nothing due by 3: at once
      log.push(`parent@${clock.now()}`)
      await s.sleep(3) // the child's timer at 5 comes first: the general way
      log.push(`parent@${clock.now()}`)
      return log
    })
    expect(fast.value).toEqual(['parent@3', 'child@5', 'parent@6'])
    expect(fast).toEqual({ ...slow, atOnce: 1 })
  })
})
