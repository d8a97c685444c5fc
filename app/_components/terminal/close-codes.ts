// Terminal socket close codes: which ones mean "do not come back" and what to tell the learner.
//
// lib/lab-sessions/channels.ts closes a socket it refuses after the upgrade with
// 4000 + the HTTP status (4403 foreign, 4404 unknown, 4409 ended or over a limit).
// Everything else (1001 server restart, 1006 network, 1011/1013 engine trouble)
// is worth a reconnect: the server takes the socket back if the session lives on.

const FINAL: Record<number, string> = {
  4401: 'You are signed out. Sign in again to use the terminal.',
  4403: 'This lab session belongs to someone else.',
  4404: 'This lab session no longer exists.',
  4409: 'This lab session has ended.',
}

/** True when reconnecting cannot help. */
export function isFinalClose(code: number): boolean {
  return code in FINAL
}

/** The learner-facing reason for a final close: the server's own when it is a sentence (a SessionError's message). */
export function closeReason(code: number, reason: string): string {
  if (/^[A-Z].* .*\.$/.test(reason)) return reason
  return FINAL[code] ?? 'The terminal connection closed.'
}
