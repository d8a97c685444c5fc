// FakeCommandRunner: scripted replies matched on argv, every call recorded — how the kind driver is tested without Docker.
//
// Replies should be what the real tools print (kind writes its progress to
// stderr, `kind get clusters` prints names one per line, kubectl prints JSON).
// A `hang` reply never answers: it ends at the caller's deadline (with the
// timers given) or when the caller aborts, as the real runner's contract says.
import type { HostTimers } from '../../core/clock'
import { NOT_FOUND_EXIT_CODE, TIMEOUT_EXIT_CODE, type CommandRunner, type RunOptions, type RunResult, type StreamOptions } from './command-runner'

export interface FakeReply {
  readonly stdout?: string
  readonly stderr?: string
  readonly exitCode?: number
  /** Never answers on its own. */
  readonly hang?: boolean
  /** stream(): stdout delivered in these pieces (then `stdout`, if any). */
  readonly chunks?: readonly string[]
}

export interface FakeCall {
  readonly argv: readonly string[]
  readonly stdin?: string
  readonly timeoutMs?: number
  readonly streamed: boolean
}

/** Tokens that must appear in argv in this order (strings exactly, RegExps by test), or a predicate. */
export type FakeMatcher = readonly (string | RegExp)[] | ((argv: readonly string[]) => boolean)
export type FakeHandler = FakeReply | ((call: FakeCall) => FakeReply | Promise<FakeReply>)

interface Rule {
  readonly match: FakeMatcher
  readonly handler: FakeHandler
  remaining: number
}

export class FakeCommandRunner implements CommandRunner {
  readonly calls: FakeCall[] = []
  /** Calls no rule matched (answered with exit 127). */
  readonly unmatched: FakeCall[] = []
  private readonly rules: Rule[] = []

  constructor(private readonly timers?: HostTimers) {}

  /** Adds a rule; the most recently added matching rule answers, `times` times at most. */
  on(match: FakeMatcher, handler: FakeHandler, times = Infinity): this {
    this.rules.unshift({ match, handler, remaining: times })
    return this
  }

  once(match: FakeMatcher, handler: FakeHandler): this {
    return this.on(match, handler, 1)
  }

  /** Each recorded argv joined with spaces, for readable assertions. */
  commandLines(): string[] {
    return this.calls.map((c) => c.argv.join(' '))
  }

  async run(argv: readonly string[], opts: RunOptions): Promise<RunResult> {
    const call: FakeCall = { argv: [...argv], stdin: opts.stdin, timeoutMs: opts.timeoutMs, streamed: false }
    const reply = await this.reply(call)
    if (reply.hang) return this.hang(opts.signal, opts.timeoutMs)
    return { stdout: reply.stdout ?? '', stderr: reply.stderr ?? '', exitCode: reply.exitCode ?? 0, timedOut: false }
  }

  async stream(argv: readonly string[], opts: StreamOptions): Promise<RunResult> {
    const reply = await this.reply({ argv: [...argv], streamed: true })
    for (const chunk of [...(reply.chunks ?? []), reply.stdout ?? '']) {
      if (opts.signal.aborted) break
      if (chunk) opts.onStdout(chunk)
      await Promise.resolve()
    }
    if (reply.hang) return this.hang(opts.signal)
    return { stdout: '', stderr: reply.stderr ?? '', exitCode: reply.exitCode ?? 0, timedOut: false }
  }

  private async reply(call: FakeCall): Promise<FakeReply> {
    this.calls.push(call)
    const rule = this.rules.find((r) => r.remaining > 0 && matches(r.match, call.argv))
    if (!rule) {
      this.unmatched.push(call)
      return { stderr: `fake command runner: nothing scripted for \`${call.argv.join(' ')}\`\n`, exitCode: NOT_FOUND_EXIT_CODE }
    }
    rule.remaining--
    return typeof rule.handler === 'function' ? rule.handler(call) : rule.handler
  }

  private hang(signal?: AbortSignal, timeoutMs?: number): Promise<RunResult> {
    return new Promise((resolve) => {
      const killed = (timedOut: boolean) => resolve({ stdout: '', stderr: '', exitCode: timedOut ? TIMEOUT_EXIT_CODE : 143, timedOut })
      if (signal?.aborted) return killed(false)
      signal?.addEventListener('abort', () => killed(false), { once: true })
      if (this.timers && timeoutMs !== undefined) this.timers.setTimeout(() => killed(true), timeoutMs)
    })
  }
}

function matches(m: FakeMatcher, argv: readonly string[]): boolean {
  if (typeof m === 'function') return m(argv)
  let i = 0
  for (const token of argv) {
    const want = m[i]
    if (want === undefined) break
    if (typeof want === 'string' ? token === want : want.test(token)) i++
  }
  return i === m.length
}
