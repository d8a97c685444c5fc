// The scheduler interleaves logical threads on virtual time by their sleeps, deterministically.
import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { flowToPromise, type Flow } from '../../core/flow'
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

  it('withinFlow(): a child that never waits settles at once; a slow one is cut off at the deadline', async () => {
    const clock = Clock.virtual({ startMs: 0 })
    const s = new Scheduler(clock)
    function* sleeper(ms: number): Flow<string> {
      const p = s.pause(ms)
      if (p) yield p
      return `slept ${ms}`
    }
    // Alone, the child's sleep is taken at once: no promise, the clock simply moved.
    const quick = await s.run(async () => s.withinFlow(1000, () => sleeper(10)).next())
    expect(quick).toEqual({ done: true, value: { ok: true, value: 'slept 10' } })
    expect(clock.now()).toBe(10)
    const cut = await s.run(() => flowToPromise(s.withinFlow(300, () => sleeper(700))))
    expect(cut).toBeUndefined()
    expect(clock.now()).toBe(310)
  })

  it('withinFlow() hands back what the child threw', async () => {
    const s = new Scheduler(Clock.virtual({ startMs: 0 }))
    function* failing(): Flow<never> {
      throw new Error('no route')
    }
    const r = await s.run(() => flowToPromise(s.withinFlow(100, failing)))
    expect(r).toEqual({ ok: false, error: new Error('no route') })
  })

  it('pause() takes a lone thread\'s sleep at once, and sleeps for real while another thread is active', async () => {
    const clock = Clock.virtual({ startMs: 0 })
    const s = new Scheduler(clock)
    const order: string[] = []
    await s.run(async () => {
      expect(s.pause(5)).toBeUndefined()
      expect(s.pause(0)).toBeUndefined()
      await s.all([
        async () => { await (s.pause(4) ?? Promise.resolve()); order.push(`a@${clock.now()}`) },
        async () => { await (s.pause(2) ?? Promise.resolve()); order.push(`b@${clock.now()}`) },
      ])
    })
    expect(order).toEqual(['b@7', 'a@9'])
  })
})
