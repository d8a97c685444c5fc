// Shell: the session's interpreter entry point, `run(line, io) -> exitCode`, over a VFS and a command registry.
import type { Stmt } from './ast'
import type { ShellClock } from './clock'
import { ExitRequest, LoopControl, RunAborted } from './control'
import { Executor, type RunShared } from './executor'
import { budgeted, Input, OutputBudget, ShellLimitError, type Writer } from './io'
import { parse } from './parse'
import type { CommandRegistry } from './registry'
import { ShellState } from './state'
import type { Terminal } from './terminal'
import type { Vfs } from './vfs'

export interface ShellIO {
  stdin?: string
  stdout: Writer
  stderr: Writer
  /** Ctrl-C: the foreground command stops and run() resolves to 130. */
  signal?: AbortSignal
  /** `exit [N]` at top level (not in a subshell): the script stops; the line editor ends the session. */
  onExit?: (code: number) => void
  /** The learner's terminal, when stdin and stdout are one (the line editor); commands that use it get it as ctx.terminal. */
  terminal?: Terminal
}

export interface ShellOptions {
  vfs: Vfs
  registry: CommandRegistry
  clock: ShellClock
  state?: ShellState
}

/** Exit status bash gives a syntax error. */
export const STATUS_SYNTAX_ERROR = 2
/** Exit status after Ctrl-C (128 + SIGINT). */
export const STATUS_INTERRUPTED = 130

export class Shell {
  readonly vfs: Vfs
  readonly registry: CommandRegistry
  readonly clock: ShellClock
  readonly state: ShellState

  constructor(opts: ShellOptions) {
    this.vfs = opts.vfs
    this.registry = opts.registry
    this.clock = opts.clock
    this.state = opts.state ?? ShellState.initial()
  }

  /** Parses and runs a line or script; output streams through io; never throws for bad input. */
  async run(src: string, io: ShellIO): Promise<number> {
    const parsed = parse(src)
    if (parsed.kind === 'ok') return this.runStmts(parsed.stmts, io)
    const message = parsed.kind === 'incomplete' ? 'bash: syntax error: unexpected end of file' : parsed.message
    io.stderr.write(message + '\n')
    this.state.lastStatus = STATUS_SYNTAX_ERROR
    return STATUS_SYNTAX_ERROR
  }

  /** Runs already-parsed statements (the CLI runs a script one top-level statement at a time). */
  async runStmts(stmts: Stmt[], io: ShellIO): Promise<number> {
    const budget = new OutputBudget()
    const stdout = budgeted(io.stdout, budget)
    const stderr = budgeted(io.stderr, budget)
    const signal = io.signal ?? new AbortController().signal
    const stdin = new Input(io.stdin ?? '')
    const terminal = io.terminal && { terminal: io.terminal, stdin, stdout }
    const shared: RunShared = { vfs: this.vfs, registry: this.registry, clock: this.clock, signal, iterations: 0, stderr, terminal }
    const status = await this.guard(() => new Executor(shared, this.state).list(stmts, { stdin, stdout, stderr }), io)
    this.state.lastStatus = status
    return status
  }

  private async guard(body: () => Promise<number>, io: ShellIO): Promise<number> {
    try {
      return await body()
    } catch (err) {
      if (err instanceof ExitRequest) {
        const code = err.code < 0 ? this.state.lastStatus : err.code
        io.onExit?.(code)
        return code
      }
      if (err instanceof RunAborted) return STATUS_INTERRUPTED
      if (err instanceof LoopControl) return 0
      if (err instanceof ShellLimitError) {
        io.stderr.write(err.message + '\n')
        return 1
      }
      throw err
    }
  }
}
