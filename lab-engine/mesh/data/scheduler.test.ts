// The scheduler interleaves logical threads on virtual time by their sleeps, deterministically.
import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Scheduler } from './scheduler'

describe('Scheduler', () => {
  it('runs concurrent threads in simulated-time order and advances the clock by the longest path', async () => {
    const clock = Clock.virtual({ startMs: 0 })
    const s = new Scheduler(clock)
    const log: string[] = []
    const worker = async (name: string, steps: number[]) => {
      for (const ms of steps) { await s.sleep(ms); log.push(`${name}@${clock.now()}`) }
    }
    await s.run(() => s.all([() => worker('a', [5, 5]), () => worker('b', [3, 10])]))
    expect(log).toEqual(['b@3', 'a@5', 'a@10', 'b@13'])
    expect(clock.now()).toBe(13)
  })

  it('wakes a waiting thread from another thread without advancing time early', async () => {
    const clock = Clock.virtual({ startMs: 0 })
    const s = new Scheduler(clock)
    const w = s.waiter<string>()
    const got = await s.run(async () => {
      void s.spawn(async () => { await s.sleep(7); w.wake('ready') })
      const value = await w.wait()
      return `${value}@${clock.now()}`
    })
    expect(got).toBe('ready@7')
  })

  it('reports a deadlock instead of hanging', async () => {
    const s = new Scheduler(Clock.virtual({ startMs: 0 }))
    await expect(s.run(() => s.waiter<number>().wait())).rejects.toThrow(/waiting on each other/)
  })

  it('a sleep aborted by its signal rejects and the run ends', async () => {
    const clock = Clock.virtual({ startMs: 0 })
    const s = new Scheduler(clock)
    const ac = new AbortController()
    const run = s.run(async () => {
      void s.spawn(async () => { await s.sleep(2); ac.abort(new Error('interrupted')) })
      await s.sleep(1000, ac.signal)
    })
    await expect(run).rejects.toThrow('interrupted')
    expect(clock.now()).toBe(2)
  })

  it('within() gives up after the deadline while the slow thread runs on', async () => {
    const clock = Clock.virtual({ startMs: 0 })
    const s = new Scheduler(clock)
    let finished = -1
    const r = await s.run(async () => {
      const got = await s.within(3000, async () => { await s.sleep(7000); finished = clock.now(); return 'late' })
      return { got, at: clock.now() }
    })
    expect(r).toEqual({ got: undefined, at: 3000 })
    const fast = await s.run(() => s.within(3000, async () => { await s.sleep(10); return 'ok' }))
    expect(fast).toEqual({ ok: true, value: 'ok' })
    expect(finished).toBe(-1) // its time has not come yet
    await s.run(() => s.sleep(5000))
    expect(finished).toBe(7000)
  })

  it('a sleep with an already-aborted signal rejects at once and leaves the counts balanced', async () => {
    const s = new Scheduler(Clock.virtual({ startMs: 0 }))
    const ac = new AbortController()
    ac.abort(new Error('stopped'))
    await expect(s.run(() => s.sleep(10, ac.signal))).rejects.toThrow('stopped')
    await expect(s.run(async () => { await s.sleep(5); return 'next run works' })).resolves.toBe('next run works')
  })
})
