// ShellClock: the narrow time source the shell needs (sleep, date, mtimes); the session's Clock provides it.
//
// There is one implementation of virtual time, core/clock.ts's Clock. The shell depends only on
// this interface; `advancingShellClock` adapts a virtual Clock (sleep moves time at once, firing
// due timers), and `manualClock` is that adapter over a fresh Clock.virtual() for tests.
import { Clock } from '../core/clock'

/** What the shell needs from the session's scheduler. Real or virtual time is the embedder's choice. */
export interface ShellClock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** A virtual Clock as a ShellClock whose sleep advances time at once (headless runs, grading, the CLI). */
export function advancingShellClock(clock: Clock): ShellClock {
  return {
    now: () => clock.now(),
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason ?? new Error('aborted')
      if (!signal) return void clock.advanceBy(ms)
      // Deadline by deadline, so a timer that aborts the sleep (a command's timeout) stops time there.
      const end = clock.now() + Math.max(0, ms)
      for (let next = clock.nextDeadline(); next !== undefined && next <= end; next = clock.nextDeadline()) {
        clock.advanceTo(next)
        if (signal.aborted) throw signal.reason ?? new Error('aborted')
      }
      clock.advanceTo(end)
    },
  }
}

/** A fresh virtual clock for tests: sleep advances time at once; advance() moves it by hand. */
export function manualClock(start = 0): ShellClock & { advance(ms: number): void; readonly clock: Clock } {
  const clock = Clock.virtual({ startMs: start })
  return { ...advancingShellClock(clock), clock, advance: (ms) => { clock.advanceBy(ms) } }
}
