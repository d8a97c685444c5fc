// CommandRunner: how the kind driver runs docker, kind, kubectl and istioctl — argv arrays only, a deadline on every call.
//
// DESIGN.md "Drivers": every external command is run with an argv array, never
// a shell string. The real runner is node-command-runner.ts; tests use
// fake-command-runner.ts, fed the tools' real output shapes.
import { DriverError } from '../cluster-driver'

/** Exit status reported for a command killed at its deadline (as coreutils `timeout` does). */
export const TIMEOUT_EXIT_CODE = 124
/** Exit status reported when the executable does not exist (as a shell does). */
export const NOT_FOUND_EXIT_CODE = 127
/** Default cap on each of stdout and stderr; the rest is dropped and `truncated` set. */
export const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024
/** How much of stderr an error message quotes. */
const STDERR_TAIL_CHARS = 600

export interface RunOptions {
  /** The command is killed (its whole process group) when it runs longer. */
  readonly timeoutMs: number
  readonly stdin?: string
  /** Aborting kills the command the same way a timeout does. */
  readonly signal?: AbortSignal
  /** Per stream; default DEFAULT_MAX_OUTPUT_BYTES. */
  readonly maxOutputBytes?: number
}

export interface RunResult {
  readonly stdout: string
  readonly stderr: string
  /** The process's status; TIMEOUT_EXIT_CODE when killed at the deadline, 128+n when killed by signal n. */
  readonly exitCode: number
  readonly timedOut: boolean
  /** Output went past maxOutputBytes and was cut. */
  readonly truncated?: boolean
}

export interface StreamOptions {
  /** The only way a stream ends early: aborting kills the command. */
  readonly signal: AbortSignal
  /** Each stdout chunk as it arrives (UTF-8, never split inside a character). */
  readonly onStdout: (chunk: string) => void
}

export interface CommandRunner {
  run(argv: readonly string[], opts: RunOptions): Promise<RunResult>
  /** A long-running command (`kubectl get --watch`); resolves when it exits or the signal kills it. */
  stream(argv: readonly string[], opts: StreamOptions): Promise<RunResult>
}

/** Runs a command that must succeed and returns its stdout; a failure becomes a DriverError naming `what`. */
export async function runOk(runner: CommandRunner, argv: readonly string[], opts: RunOptions, what: string): Promise<string> {
  const r = await runner.run(argv, opts)
  if (r.exitCode !== 0 || r.timedOut) throw commandError(what, argv, r, opts.timeoutMs)
  return r.stdout
}

/** The DriverError for a failed command: 'timeout' past the deadline, else 'failed' with stderr's tail. */
export function commandError(what: string, argv: readonly string[], r: RunResult, timeoutMs?: number): DriverError {
  if (r.timedOut) return new DriverError('timeout', `${what}: \`${argv.join(' ')}\` did not finish within ${timeoutMs ?? '?'} ms and was killed`)
  return new DriverError('failed', `${what}: \`${argv.join(' ')}\` exited with ${r.exitCode}${stderrTail(r.stderr)}`)
}

function stderrTail(stderr: string): string {
  const t = stderr.trim()
  if (!t) return ''
  return ': ' + (t.length > STDERR_TAIL_CHARS ? '…' + t.slice(-STDERR_TAIL_CHARS) : t)
}
