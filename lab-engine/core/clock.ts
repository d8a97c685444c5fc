// Clock: the session's one serialisable scheduler, in virtual time (grading, CLI) or real time (terminals).
//
// lab-engine never reads the wall clock: real-time mode is driven by host hooks
// passed in by the embedder (server.ts gives Date.now and setTimeout).

import type { Disposable } from './disposable'
import { TimerHeap } from './timer-heap'

/** Safety cap: one runUntilIdle() fires at most this many timers (guards self-rearming loops). */
export const MAX_TIMER_FIRINGS_PER_RUN = 100_000

/** 2026-01-01T00:00:00Z: where a virtual clock starts unless told otherwise. */
export const DEFAULT_VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1)

/** What the embedder gives a real-time clock: a wall-clock source and host timers. */
export interface HostTimers {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export type ClockMode = 'virtual' | 'realtime'

/** A pending timer as a snapshot sees it: when, in what order, and its owner's label. */
export interface TimerRecord {
  readonly at: number
  readonly seq: number
  readonly label?: string
}

/**
 * What snapshot() keeps: the current instant, the sequence counter and the
 * pending timers' deadlines and labels. Callbacks are code and are not kept:
 * after restore() the owners (controllers, the mesh) re-arm their timers from
 * their own restored state; `timers` tells them what was pending.
 */
export interface ClockState {
  readonly now: number
  readonly seq: number
  readonly timers: readonly TimerRecord[]
}

export interface Timer extends Disposable {
  readonly at: number
  readonly label?: string
}

export interface ClockOptions {
  /** Start instant in epoch milliseconds (virtual mode); real-time starts at the host's now. */
  startMs?: number
  /** Where a throwing timer callback's error goes; without it the error propagates. */
  onError?: (err: unknown) => void
}

export class ClockError extends Error {
  override name = 'ClockError'
}

/** A pending timer; it is also the Timer handle setTimer returns (no closure per timer). */
class Entry implements TimerRecord, Timer {
  cancelled = false

  constructor(
    readonly at: number,
    readonly seq: number,
    readonly label: string | undefined,
    public fn: () => void,
    private readonly clock: Clock,
  ) {}

  dispose(): void {
    this.clock.cancelEntry(this)
  }
}

export class Clock {
  private current: number
  private seq = 0
  private queue = new TimerHeap<Entry>()
  private offset = 0
  private hostHandle: unknown = undefined
  private hostAt = Infinity

  private constructor(
    readonly mode: ClockMode,
    private readonly host: HostTimers | undefined,
    startMs: number,
    private readonly onError: ((err: unknown) => void) | undefined,
  ) {
    this.current = startMs
    if (host) this.offset = startMs - host.now()
  }

  /** A deterministic clock whose time moves only through advanceTo/advanceBy/runUntilIdle. */
  static virtual(opts: ClockOptions = {}): Clock {
    return new Clock('virtual', undefined, opts.startMs ?? DEFAULT_VIRTUAL_EPOCH_MS, opts.onError)
  }

  /** A clock that follows the host's wall clock; timers fire through the host's setTimeout. */
  static realtime(host: HostTimers, opts: ClockOptions = {}): Clock {
    return new Clock('realtime', host, opts.startMs ?? host.now(), opts.onError)
  }

  /** Restores time from a snapshot; pass host hooks for real time, none for virtual time. */
  static restore(state: ClockState, host?: HostTimers, opts: Omit<ClockOptions, 'startMs'> = {}): Clock {
    const clock = host ? Clock.realtime(host, { ...opts, startMs: state.now }) : Clock.virtual({ ...opts, startMs: state.now })
    clock.seq = state.seq
    return clock
  }

  /** Current simulated time in epoch milliseconds. */
  now(): number {
    if (this.host) this.current = Math.max(this.current, this.host.now() + this.offset)
    return this.current
  }

  /** Runs fn after ms of simulated time; timers due at the same instant fire in the order they were set. */
  setTimer(ms: number, fn: () => void, label?: string): Timer {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0
    const entry = new Entry(this.now() + delay, this.seq++, label, fn, this)
    this.queue.push(entry)
    this.armHost()
    return entry
  }

  /** Resolves after ms of simulated time; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal))
      const onAbort = () => {
        timer.dispose()
        reject(abortReason(signal!))
      }
      const timer = this.setTimer(ms, () => {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }, 'sleep')
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** When the earliest pending timer is due, or undefined when none is pending. */
  nextDeadline(): number | undefined {
    return this.queue.peek()?.at
  }

  /** Number of timers still pending. */
  pending(): number {
    return this.queue.size
  }

  /** Virtual mode: moves time to t, firing every timer due by then in (time, order) sequence. */
  advanceTo(t: number): number {
    this.requireVirtual('advanceTo')
    let fired = 0
    for (let e = this.queue.peek(); e !== undefined && e.at <= t; e = this.queue.peek()) {
      this.fireNext()
      if (++fired > MAX_TIMER_FIRINGS_PER_RUN) throw new ClockError(`more than ${MAX_TIMER_FIRINGS_PER_RUN} timers fired in one advance`)
    }
    this.current = Math.max(this.current, t)
    return fired
  }

  /**
   * Virtual mode: what setTimer(ms) followed by that timer firing does to the clock (a
   * sequence number used, time moved to the deadline), without the timer. For a caller that
   * knows nothing else can run before the deadline. Changes nothing and returns false when a
   * pending timer is due by then (it fires first) or the clock follows real time.
   */
  elapse(ms: number): boolean {
    if (this.mode !== 'virtual') return false
    const at = this.current + (Number.isFinite(ms) && ms > 0 ? ms : 0)
    const first = this.queue.peek()
    if (first !== undefined && first.at <= at) return false
    this.seq++
    this.current = at
    return true
  }

  /** Virtual mode: advanceTo(now + ms). */
  advanceBy(ms: number): number {
    return this.advanceTo(this.current + Math.max(0, ms))
  }

  /** Virtual mode: fires timers until none is left, jumping time to each deadline. */
  runUntilIdle(maxFirings = MAX_TIMER_FIRINGS_PER_RUN): number {
    this.requireVirtual('runUntilIdle')
    let fired = 0
    while (this.queue.size > 0) {
      if (fired >= maxFirings) throw new ClockError(`still busy after ${maxFirings} timers`)
      this.fireNext()
      fired++
    }
    return fired
  }

  snapshot(): ClockState {
    const timers = this.queue.sorted().map(({ at, seq, label }) => (label === undefined ? { at, seq } : { at, seq, label }))
    return { now: this.now(), seq: this.seq, timers }
  }

  /** Cancels every pending timer and any host timeout. */
  dispose(): void {
    for (const e of this.queue.drain()) e.cancelled = true
    this.disarmHost()
  }

  private requireVirtual(op: string): void {
    if (this.mode !== 'virtual') throw new ClockError(`${op} needs a virtual clock; this one follows real time`)
  }

  /** @internal A timer's dispose(): a pending timer stops counting at once and is dropped when it surfaces. */
  cancelEntry(entry: Entry): void {
    if (entry.cancelled) return
    entry.cancelled = true
    // A cancelled entry waits in the heap until it surfaces: let go of what its callback holds now.
    entry.fn = noop
    this.queue.cancelled()
    this.armHost()
  }

  private fireNext(): void {
    const entry = this.queue.pop()!
    entry.cancelled = true
    this.current = Math.max(this.current, entry.at)
    try {
      entry.fn()
    } catch (err) {
      if (!this.onError) throw err
      this.onError(err)
    }
  }

  /** Real-time mode: keeps one host timeout armed for the earliest deadline. */
  private armHost(): void {
    if (!this.host) return
    const first = this.queue.peek()
    if (!first) return this.disarmHost()
    if (first.at === this.hostAt) return
    this.disarmHost()
    this.hostAt = first.at
    this.hostHandle = this.host.setTimeout(() => this.onHostTimeout(), Math.max(0, first.at - this.now()))
  }

  private disarmHost(): void {
    if (this.host && this.hostHandle !== undefined) this.host.clearTimeout(this.hostHandle)
    this.hostHandle = undefined
    this.hostAt = Infinity
  }

  private onHostTimeout(): void {
    this.hostHandle = undefined
    this.hostAt = Infinity
    const t = this.now()
    try {
      for (let e = this.queue.peek(); e !== undefined && e.at <= t; e = this.queue.peek()) this.fireNext()
    } finally {
      this.armHost()
    }
  }
}

function noop(): void {}

function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason
  const err = new Error('The operation was aborted')
  err.name = 'AbortError'
  return err
}

/** RFC 3339 timestamp at second precision, as Kubernetes writes creationTimestamp. */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}
