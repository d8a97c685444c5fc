// Session deadlines: the warnings due before the maximum-duration deadline and the idle timeout.
export interface Expiry {
  now: number
  /** Maximum-duration deadline (null: none). */
  expiresAt: number | null
  /** When the session ends if nothing is typed. */
  idleAt: number
}

export interface ExpiryWarning {
  kind: 'deadline' | 'idle'
  message: string
}

/** The warnings to show now: each deadline within `warnBeforeMs`. */
export function expiryWarnings(e: Expiry, warnBeforeMs: number): ExpiryWarning[] {
  const out: ExpiryWarning[] = []
  if (e.expiresAt !== null && e.expiresAt - e.now <= warnBeforeMs) {
    out.push({ kind: 'deadline', message: `This lab session ends in ${minutesLeft(e.expiresAt - e.now)}. Extend it to keep working.` })
  }
  if (e.idleAt - e.now <= warnBeforeMs) {
    out.push({ kind: 'idle', message: `No input for a while: the session ends in ${minutesLeft(e.idleAt - e.now)} unless you type something.` })
  }
  return out
}

function minutesLeft(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000))
  return m === 1 ? '1 minute' : `${m} minutes`
}
