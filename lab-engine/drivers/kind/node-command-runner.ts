// The real CommandRunner: node:child_process spawn with argv arrays (no shell), a deadline that kills the process group, capped output.
//
// Each command starts detached, so it leads its own process group; at the
// deadline (or on abort) the whole group gets SIGTERM, then SIGKILL after
// KILL_GRACE_MS — `kubectl exec` and `docker exec` children go with it.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { constants as osConstants } from 'node:os'
import { StringDecoder } from 'node:string_decoder'
import type { HostTimers } from '../../core/clock'
import { DEFAULT_MAX_OUTPUT_BYTES, NOT_FOUND_EXIT_CODE, TIMEOUT_EXIT_CODE, type CommandRunner, type RunResult } from './command-runner'

/** Time between SIGTERM and SIGKILL for a command past its deadline. */
export const KILL_GRACE_MS = 2_000

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess
export type KillGroupFn = (pid: number, signal: NodeJS.Signals) => void

export interface NodeCommandRunnerOptions {
  /** Deadline timers; the embedder gives the host's setTimeout (lab-engine reads no ambient time). */
  readonly host: HostTimers
  readonly env?: NodeJS.ProcessEnv
  /** Test seams: the process launcher and the process-group kill. */
  readonly spawn?: SpawnFn
  readonly killGroup?: KillGroupFn
}

interface LaunchOptions {
  readonly timeoutMs?: number
  readonly stdin?: string
  readonly signal?: AbortSignal
  readonly maxOutputBytes: number
  readonly onStdout?: (chunk: string) => void
}

export function createNodeCommandRunner(opts: NodeCommandRunnerOptions): CommandRunner {
  const launch = launcher(opts)
  return {
    run: (argv, o) => launch(argv, { ...o, maxOutputBytes: o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES }),
    stream: (argv, o) => launch(argv, { signal: o.signal, onStdout: o.onStdout, maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES }),
  }
}

/** Kills a process group, ignoring "no such process" (it already ended). */
export function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // ESRCH: the group is gone
  }
}

function launcher(opts: NodeCommandRunnerOptions) {
  const spawn = opts.spawn ?? (nodeSpawn as SpawnFn)
  const killGroup = opts.killGroup ?? killProcessGroup
  return (argv: readonly string[], o: LaunchOptions): Promise<RunResult> =>
    new Promise((resolve) => {
      if (argv.length === 0) return resolve({ stdout: '', stderr: 'empty argv', exitCode: NOT_FOUND_EXIT_CODE, timedOut: false })
      let child: ChildProcess
      try {
        child = spawn(argv[0]!, argv.slice(1), { detached: true, stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env })
      } catch (err) {
        return resolve({ stdout: '', stderr: String(err), exitCode: NOT_FOUND_EXIT_CODE, timedOut: false })
      }
      watchChild(child, o, opts.host, killGroup, resolve)
    })
}

function watchChild(child: ChildProcess, o: LaunchOptions, host: HostTimers, killGroup: KillGroupFn, resolve: (r: RunResult) => void): void {
  const out = new CappedText(o.maxOutputBytes)
  const err = new CappedText(o.maxOutputBytes)
  const live = new StringDecoder('utf8')
  const kill = groupKiller(child, host, killGroup)
  let timedOut = false
  let done = false
  const deadline = o.timeoutMs === undefined ? undefined : host.setTimeout(() => ((timedOut = true), kill.start()), Math.max(0, o.timeoutMs))
  const onAbort = () => kill.start()
  const finish = (exitCode: number, extraStderr = '') => {
    if (done) return
    done = true
    if (deadline !== undefined) host.clearTimeout(deadline)
    kill.cancelGrace()
    o.signal?.removeEventListener('abort', onAbort)
    if (o.onStdout) flush(live, o.onStdout)
    const truncated = out.truncated || err.truncated
    resolve({ stdout: out.text(), stderr: err.text() + extraStderr, exitCode: timedOut ? TIMEOUT_EXIT_CODE : exitCode, timedOut, ...(truncated ? { truncated } : {}) })
  }
  child.stdout?.on('data', (b: Buffer) => (o.onStdout ? o.onStdout(live.write(b)) : out.push(b)))
  child.stderr?.on('data', (b: Buffer) => err.push(b))
  child.stdin?.on('error', () => undefined) // EPIPE: the command exited without reading its input
  child.stdin?.end(o.stdin ?? '')
  child.on('error', (e: NodeJS.ErrnoException) => finish(e.code === 'ENOENT' ? NOT_FOUND_EXIT_CODE : 126, `${e.message}\n`))
  child.on('close', (code: number | null, signal: NodeJS.Signals | null) => finish(exitStatus(code, signal)))
  if (o.signal?.aborted) kill.start()
  else o.signal?.addEventListener('abort', onAbort, { once: true })
}

function flush(decoder: StringDecoder, onStdout: (chunk: string) => void): void {
  const rest = decoder.end()
  if (rest) onStdout(rest)
}

/** SIGTERM to the group now, SIGKILL after the grace period unless the command ended first. */
function groupKiller(child: ChildProcess, host: HostTimers, killGroup: KillGroupFn) {
  let grace: unknown
  let started = false
  return {
    start() {
      if (started || child.pid === undefined) return
      started = true
      const pid = child.pid
      killGroup(pid, 'SIGTERM')
      grace = host.setTimeout(() => killGroup(pid, 'SIGKILL'), KILL_GRACE_MS)
    },
    cancelGrace() {
      if (grace !== undefined) host.clearTimeout(grace)
      grace = undefined
    },
  }
}

function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code
  const n = signal ? osConstants.signals[signal] : undefined
  return n === undefined ? 1 : 128 + n
}

/** Collects one output stream up to a byte cap, decoding UTF-8 across chunk boundaries. */
export class CappedText {
  private readonly parts: string[] = []
  private readonly decoder = new StringDecoder('utf8')
  private bytes = 0
  truncated = false

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    const room = this.maxBytes - this.bytes
    if (chunk.length > room) this.truncated = true
    if (room <= 0) return
    const piece = chunk.length > room ? chunk.subarray(0, room) : chunk
    this.bytes += piece.length
    this.parts.push(this.decoder.write(piece))
  }

  text(): string {
    return this.parts.join('') + this.decoder.end()
  }
}
