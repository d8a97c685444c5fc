// The scheduler's fast path: a sleep no other thread could observe is taken at once.
//
// Why: every hop sleeps several times (sidecar time, the network, the app's service time).
// The general path sets a timer, goes idle, lets run() see that every thread is idle, move
// the clock and fire the timer -- a round trip through the run loop per sleep. When the
// sleeping thread is the only active one and no timer is due by its deadline, that round
// trip can only end one way: the clock jumps to the deadline and this thread resumes.
// Taking the sleep at once (Clock.elapse) gives the same clock, the same timer sequence
// numbers and, as nothing else runs in between, the same Rng draws in the same order.
//
// When it applies: virtual time, the caller is the only active thread (a lone curl, one
// Bookinfo page at a time; a thread inside within() starting its child does not count, as it
// goes idle before anything else can run), no signal, and no pending timer due at or before
// the deadline.
// Anything else -- concurrent clients (fortio -c N), a pending connection close, a timeout
// race about to fire, real time -- takes the general path. A run() allows at most
// MAX_EVENTS_PER_RUN sleeps taken at once, so a request loop that never ends still reaches
// the run loop and its event cap instead of spinning.
import type { Clock } from '../../core/clock'

export class SleepAtOnce {
  private left = 0
  /** Sleeps taken at once so far (tests check the fast path really ran). */
  taken = 0

  constructor(private readonly clock: Clock, private readonly budget: number) {}

  /** Starts a run's allowance. */
  reset(): void {
    this.left = this.budget
  }

  /** Takes the sleep at once when it may (see above); false means: sleep the general way. */
  tryElapse(activeThreads: number, ms: number): boolean {
    if (activeThreads !== 1 || this.left <= 0 || !this.clock.elapse(ms)) return false
    this.left--
    this.taken++
    return true
  }
}
