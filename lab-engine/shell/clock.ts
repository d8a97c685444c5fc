// ShellClock: the minimal time source the shell needs (sleep, timestamps); the session clock adapts to it.

/** What the shell needs from the session's scheduler. Real or virtual time is the embedder's choice. */
export interface ShellClock {
  now(): number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

/** A virtual clock for tests and headless runs: sleep advances time at once. */
export function manualClock(start = 0): ShellClock & { advance(ms: number): void } {
  let t = start
  return {
    now: () => t,
    advance: (ms) => { t += ms },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw new Error('aborted')
      t += ms
    },
  }
}
