// HubScheduler: the timers the terminal gateway uses (output coalescing, drain polls, resize throttle, heartbeats).
//
// Injected so tests drive them by hand; the default uses the host's timers.
// Gateway timers are wall-clock plumbing, not session time: they never touch
// the session's Clock, so a virtual-time session is not advanced by them.
import { toDisposable, type Disposable } from '../core/disposable'

export interface HubScheduler {
  /** Runs fn once the current I/O callbacks are done (one output frame per tick). */
  defer(fn: () => void): void
  /** Runs fn after ms; disposing the handle cancels it. */
  setTimeout(fn: () => void, ms: number): Disposable
}

/** setImmediate and setTimeout; timers are unref'd so an idle gateway never keeps the process alive. */
export const HOST_SCHEDULER: HubScheduler = {
  defer: (fn) => void setImmediate(fn),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms)
    handle.unref?.()
    return toDisposable(() => clearTimeout(handle))
  },
}

/** A hand-driven scheduler for tests: deferred work and timers run only when told. */
export class ManualScheduler implements HubScheduler {
  private deferred: (() => void)[] = []
  private timers: { at: number; fn: () => void; live: boolean }[] = []
  now = 0

  defer(fn: () => void): void {
    this.deferred.push(fn)
  }

  setTimeout(fn: () => void, ms: number): Disposable {
    const t = { at: this.now + ms, fn, live: true }
    this.timers.push(t)
    return toDisposable(() => void (t.live = false))
  }

  /** Runs deferred work until none is left. */
  runDeferred(): void {
    while (this.deferred.length) this.deferred.shift()!()
  }

  /** Moves time forward, firing due timers in order (and deferred work between them). */
  advance(ms: number): void {
    const end = this.now + ms
    for (;;) {
      this.runDeferred()
      const due = this.timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.now = due.at
      due.live = false
      this.timers = this.timers.filter((t) => t.live)
      due.fn()
    }
    this.now = end
    this.runDeferred()
  }

  get pendingTimers(): number {
    return this.timers.filter((t) => t.live).length
  }
}
