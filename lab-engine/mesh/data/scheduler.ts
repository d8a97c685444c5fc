// Scheduler: discrete-event concurrency for the data plane on the session's one Clock.
//
// Every simulated request is a logical thread (a flow, core/flow.ts, or an async chain:
// a flow runs synchronously until it really waits). A thread that lets
// simulated time pass (sleep) or waits for another thread (Waiter) is idle; the rest
// are active. In virtual time, run() moves the clock to the next timer only once
// every thread is idle, so `fortio load -c 8` interleaves eight clients exactly as
// their delays say, deterministically. In real time the Clock's host timers fire
// the same sleeps and run() just awaits.
import type { Clock } from '../../core/clock'
import { flowToPromise, runFlow, wait, type Flow, type MaybePromise } from '../../core/flow'
import { SleepAtOnce } from './sleep-at-once'

/** Timer firings one run() may drive before giving up (a request loop that never ends). */
export const MAX_EVENTS_PER_RUN = 5_000_000

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }

export class SchedulerError extends Error {
  override name = 'SchedulerError'
}

/** A one-shot wake-up another thread can wait on; wake() marks the waiter active at once. */
export interface Waiter<T> {
  wait(): Promise<T>
  wake(value: T): void
  readonly woken: boolean
}


/** A Waiter as a class: an object literal with a getter costs about a microsecond to create, and every timeout race makes one. */
class ThreadWaiter<T> implements Waiter<T> {
  private readonly promise: Promise<T>
  private resolve!: (v: T) => void
  private waiting = false
  private done = false

  constructor(private readonly scheduler: Scheduler) {
    this.promise = new Promise<T>((r) => { this.resolve = r })
  }

  get woken(): boolean {
    return this.done
  }

  wait(): Promise<T> {
    if (!this.done) { this.waiting = true; this.scheduler.waitStarted() }
    return this.promise
  }

  wake(value: T): void {
    if (this.done) return
    this.done = true
    if (this.waiting) this.scheduler.waitEnded()
    this.resolve(value)
  }
}

export class Scheduler {
  /** Sleeps no other thread could observe are taken at once (sleep-at-once.ts); off only to compare both paths in tests. */
  static sleepAtOnce = true

  private active = 0
  /** Threads inside within() starting their child: active, but idle as soon as the child's synchronous start ends. */
  private handingOver = 0
  private quiet: (() => void) | null = null
  private readonly atOnce: SleepAtOnce

  constructor(readonly clock: Clock) {
    this.atOnce = new SleepAtOnce(clock, MAX_EVENTS_PER_RUN)
  }

  now(): number {
    return this.clock.now()
  }

  /** How many sleeps took the fast path (sleep-at-once.ts). */
  get sleepsTakenAtOnce(): number {
    return this.atOnce.taken
  }

  /**
   * Starts fn as a new logical thread. `onSettled` runs synchronously as it ends, before it
   * goes idle, so whoever it wakes is active before the clock can move on.
   */
  spawn<T>(fn: () => Promise<T>, onSettled?: (outcome: Settled<T>) => void): Promise<T> {
    this.active++
    let p: Promise<T>
    try {
      p = fn()
    } catch (err) {
      p = Promise.reject(err)
    }
    return p.then(
      (value) => { onSettled?.({ ok: true, value }); this.idle(); return value },
      (error: unknown) => { onSettled?.({ ok: false, error }); this.idle(); throw error },
    )
  }

  /**
   * Starts a flow (core/flow.ts) as a new logical thread; `onSettled` runs as it ends, before
   * it goes idle. A flow that never waits ends here, synchronously.
   */
  spawnFlow<T>(fn: () => Flow<T>, onSettled: (outcome: Settled<T>) => void): void {
    this.active++
    let r: MaybePromise<T>
    try {
      r = runFlow(fn())
    } catch (error) {
      return this.ended(onSettled, { ok: false, error })
    }
    if (!(r instanceof Promise)) return this.ended(onSettled, { ok: true, value: r })
    r.then((value) => this.ended(onSettled, { ok: true, value }), (error: unknown) => this.ended(onSettled, { ok: false, error }))
  }

  private ended<T>(onSettled: (outcome: Settled<T>) => void, outcome: Settled<T>): void {
    onSettled(outcome)
    this.idle()
  }

  /** Runs fns as concurrent threads and waits (idle) for all of them; the first failure is rethrown. */
  async all<T>(fns: readonly (() => Promise<T>)[]): Promise<T[]> {
    if (fns.length === 0) return []
    const w = this.waiter<void>()
    const results = new Array<Settled<T>>(fns.length)
    let left = fns.length
    fns.forEach((fn, i) => {
      this.spawn(fn, (r) => { results[i] = r; if (--left === 0) w.wake() }).catch(() => undefined)
    })
    await w.wait()
    const failed = results.find((r) => !r.ok)
    if (failed && !failed.ok) throw failed.error
    return results.map((r) => (r as { value: T }).value)
  }

  /** Runs fn as a thread and waits for it at most ms: `undefined` on timeout (the thread runs on, unobserved). */
  within<T>(ms: number, fn: () => Promise<T>): Promise<Settled<T> | undefined> {
    return flowToPromise(this.withinFlow(ms, () => wait(fn())))
  }

  /**
   * within() for flows: runs the child as a thread and waits for it at most ms. A child
   * that never waits settles at once (its timer is set and disposed, as a timer sequence
   * number is part of the session's replay). The caller goes idle right after the child's
   * synchronous start and does nothing before: it does not count for the fast path meanwhile.
   */
  *withinFlow<T>(ms: number, child: () => Flow<T>): Flow<Settled<T> | undefined> {
    let waiter: Waiter<Settled<T> | undefined> | undefined
    let outcome: Settled<T> | undefined
    // The timer fires only from the run loop, never during the child's synchronous start: the waiter exists by then.
    const timer = this.clock.setTimer(ms, () => waiter!.wake(undefined), 'mesh-timeout')
    this.handingOver++
    try {
      this.spawnFlow(child, (r) => {
        timer.dispose()
        outcome = r
        waiter?.wake(r)
      })
    } finally {
      this.handingOver--
    }
    if (outcome) return outcome
    waiter = this.waiter()
    return (yield waiter.wait()) as Settled<T> | undefined
  }

  /**
   * A sleep for flows: undefined when no time has to pass for others to see (ms <= 0, or
   * taken at once), so the caller goes on without a yield; otherwise the promise to yield.
   */
  pause(ms: number): Promise<void> | undefined {
    if (!(ms > 0)) return undefined
    if (Scheduler.sleepAtOnce && this.atOnce.tryElapse(this.active - this.handingOver, ms)) return undefined
    return new Promise<void>((resolve) => {
      this.clock.setTimer(ms, () => { this.active++; resolve() }, 'mesh')
      this.idle()
    })
  }

  /** Lets ms of simulated time pass for the calling thread. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal || !(ms > 0)) return this.pause(ms) ?? Promise.resolve()
    if (signal.aborted) return Promise.reject(signal.reason ?? new Error('aborted'))
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        timer.dispose()
        this.active++
        reject(signal.reason ?? new Error('aborted'))
      }
      const timer = this.clock.setTimer(ms, () => {
        this.active++
        signal.removeEventListener('abort', onAbort)
        resolve()
      }, 'mesh')
      signal.addEventListener('abort', onAbort, { once: true })
      this.idle()
    })
  }

  /** A wake-up for a thread that waits on others (a connection pool queue, a client timeout race). */
  waiter<T>(): Waiter<T> {
    return new ThreadWaiter<T>(this)
  }

  /** @internal A waiter's wait() before its wake: the waiting thread goes idle. */
  waitStarted(): void {
    this.idle()
  }

  /** @internal A waiter's wake() while its thread waits: the thread is active again at once. */
  waitEnded(): void {
    this.active++
  }

  /**
   * Runs fn as a thread and returns its result. Virtual clock: drives time forward,
   * timer by timer, whenever every thread is idle. Real-time clock: simply awaits.
   */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.clock.mode === 'realtime') return this.spawn(fn)
    this.atOnce.reset()
    let settled = false
    const result = this.spawn(fn, () => { settled = true })
    result.catch(() => undefined)
    const done = () => settled
    for (let events = 0; ; events++) {
      await this.untilQuiet(done)
      if (settled) return result
      const next = this.clock.nextDeadline()
      if (next === undefined) throw new SchedulerError('simulated requests are waiting on each other with nothing scheduled')
      if (events > MAX_EVENTS_PER_RUN) throw new SchedulerError(`more than ${MAX_EVENTS_PER_RUN} simulated events in one run`)
      this.clock.advanceTo(next)
    }
  }

  private idle(): void {
    this.active--
    if (this.active <= 0) this.quiet?.()
  }

  private untilQuiet(done: () => boolean): Promise<void> {
    if (this.active <= 0 || done()) return Promise.resolve()
    return new Promise((resolve) => {
      this.quiet = () => {
        if (this.active > 0 && !done()) return
        this.quiet = null
        resolve()
      }
    })
  }
}
