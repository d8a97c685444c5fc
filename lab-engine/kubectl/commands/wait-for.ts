// Waiting on the session clock until a condition holds: virtual time jumps to the next pending timer, real time waits for changes.
//
// Used by rollout status (and later `kubectl wait`). In virtual sessions nothing
// changes between timers, so jumping to the next deadline is exact and costs nothing real.

import type { VerbContext } from './context'

/** Longest a wait may last in simulated time when no --timeout is given. */
export const MAX_WAIT_MS = 10 * 60_000
/** Real-time sessions re-check at least this often. */
const POLL_MS = 500

/** Calls check() after every change until it returns true; false when timeoutMs passes first. */
export async function waitFor(ctx: VerbContext, check: () => boolean, timeoutMs = MAX_WAIT_MS): Promise<boolean> {
  const { clock } = ctx.env
  const deadline = clock.now() + timeoutMs
  while (!check()) {
    const now = clock.now()
    if (now >= deadline) return false
    const next = ctx.env.mode === 'virtual' ? clock.snapshot().timers[0]?.at : now + POLL_MS
    if (next === undefined) {
      await ctx.shell.clock.sleep(deadline - now, ctx.shell.signal)
      return check()
    }
    await ctx.shell.clock.sleep(Math.max(0, Math.min(next, deadline) - now), ctx.shell.signal)
  }
  return true
}
