// Terminal gateway limits and counters: the numbers the hub bounds itself by, and what it ignored.
import { DEFAULT_HEARTBEAT_MS, DEFAULT_MAX_MISSED_PONGS } from './heartbeat'
import { DEFAULT_SCROLLBACK_LINES } from './screen-mirror'

export interface TerminalLimits {
  /** Size the terminal opens with before a writer reports its own. */
  cols: number
  rows: number
  /** Lines the server-side mirror keeps above the screen (what a reconnect gets back). */
  scrollback: number
  /** Unsent bytes past which a socket stops getting live output. */
  highWaterBytes: number
  /** Unsent bytes under which a stale socket is redrawn and goes live again. */
  lowWaterBytes: number
  /** How often stale sockets are checked for having drained. */
  drainPollMs: number
  /** At most one resize applied per this interval (the last one wins). */
  resizeThrottleMs: number
  /** Server pings every this often. */
  heartbeatMs: number
  /** Pings left unanswered before the socket is terminated. */
  maxMissedPongs: number
  /** Input is fed to the terminal in pieces of at most this many characters. */
  inputChunkChars: number
}

export const DEFAULT_TERMINAL_LIMITS: TerminalLimits = {
  cols: 80,
  rows: 24,
  scrollback: DEFAULT_SCROLLBACK_LINES,
  highWaterBytes: 1024 * 1024,
  lowWaterBytes: 64 * 1024,
  drainPollMs: 25,
  resizeThrottleMs: 50,
  heartbeatMs: DEFAULT_HEARTBEAT_MS,
  maxMissedPongs: DEFAULT_MAX_MISSED_PONGS,
  inputChunkChars: 4096,
}

/** What the hub ignored or did on its own; for metrics and tests. */
export interface TerminalHubStats {
  /** Text frames that were not a known control message. */
  malformedControl: number
  /** Input frames from read-only sockets. */
  readOnlyInputIgnored: number
  /** Resize and restart requests from read-only sockets. */
  readOnlyControlIgnored: number
  /** Input frames while the shell had exited (before a restart). */
  inputAfterExitIgnored: number
  resizesRequested: number
  resizesApplied: number
  /** Redraws sent to sockets that had fallen behind. */
  staleRedraws: number
  /** Sockets terminated for missing pongs. */
  heartbeatTimeouts: number
  /** Socket errors (oversized frames, bad UTF-8 framing): the socket closes, the hub goes on. */
  socketErrors: number
  inputChars: number
  outputChars: number
  /** Shells opened (first attach, restarts after exit, lab resets). */
  terminalsOpened: number
}

export function emptyStats(): TerminalHubStats {
  return {
    malformedControl: 0, readOnlyInputIgnored: 0, readOnlyControlIgnored: 0, inputAfterExitIgnored: 0,
    resizesRequested: 0, resizesApplied: 0, staleRedraws: 0, heartbeatTimeouts: 0, socketErrors: 0,
    inputChars: 0, outputChars: 0, terminalsOpened: 0,
  }
}
