// Simple commands: assignments, argv expansion, lookup in the registry, and the loop/exit builtins.
import type { Command } from './ast'
import { ExitRequest, LoopControl, RunAborted } from './control'
import { expandWords } from './expand'
import type { Executor } from './executor'
import { ShellLimitError } from './io'
import { RedirectError, type Streams } from './redirects'
import type { CommandContext, CommandSpec } from './registry'
import { resolvePath } from './vfs'

type Simple = Extract<Command, { type: 'simple' }>

/** Exit status for a command that could not be found (bash). */
export const STATUS_NOT_FOUND = 127

export async function runSimple(ex: Executor, c: Simple, io: Streams): Promise<number> {
  ex.lastSubstStatus = 0
  const argv = await expandWords(c.args, ex.expandEnv())
  const assigns: Record<string, string> = {}
  for (const a of c.assigns) {
    assigns[a.name] = a.value ? await ex.expand(a.value) : ''
    // Bare `X=1 Y=$X` assigns left to right, so Y sees the new X.
    if (argv.length === 0) ex.state.set(a.name, assigns[a.name])
  }
  if (argv.length === 0) return ex.lastSubstStatus
  const control = controlBuiltin(ex, argv, io)
  if (control !== null) return control
  const spec = ex.shared.registry.get(argv[0])
  if (!spec) return notFound(ex, argv[0], io)
  return invoke(ex, spec, argv, assigns, io)
}

/** break, continue and exit change control flow, so the executor owns them. */
function controlBuiltin(ex: Executor, argv: string[], io: Streams): number | null {
  const [name, arg] = argv
  if (name !== 'break' && name !== 'continue' && name !== 'exit') return null
  if (name !== 'exit' && ex.loopDepth === 0) return 0
  const n = arg === undefined ? (name === 'exit' ? NaN : 1) : Number(arg)
  if (arg !== undefined && !/^-?\d+$/.test(arg)) {
    io.stderr.write(`bash: ${name}: ${arg}: numeric argument required\n`)
    if (name === 'exit') throw new ExitRequest(2)
    return 1
  }
  if (name === 'exit') throw new ExitRequest(Number.isNaN(n) ? -1 : ((n % 256) + 256) % 256)
  throw new LoopControl(name, Math.max(1, n))
}

function notFound(ex: Executor, name: string, io: Streams): number {
  if (!name.includes('/')) {
    io.stderr.write(`bash: ${name}: command not found\n`)
    return STATUS_NOT_FOUND
  }
  const stat = ex.shared.vfs.stat(resolvePath(ex.state.cwd, name))
  if (!stat) {
    io.stderr.write(`bash: ${name}: No such file or directory\n`)
    return STATUS_NOT_FOUND
  }
  io.stderr.write(`bash: ${name}: ${stat.type === 'dir' ? 'Is a directory' : 'Permission denied'}\n`)
  return 126
}

async function invoke(ex: Executor, spec: CommandSpec, argv: string[], assigns: Record<string, string>, io: Streams): Promise<number> {
  const ctx = commandContext(ex, argv, assigns, io)
  try {
    return await spec.run(ctx)
  } catch (err) {
    if (isShellSignal(err)) throw err
    if (ex.shared.signal.aborted) throw new RunAborted()
    io.stderr.write(`${argv[0]}: ${err instanceof Error ? err.message : String(err)}\n`)
    return 1
  }
}

function isShellSignal(err: unknown): boolean {
  return err instanceof ShellLimitError || err instanceof RedirectError || err instanceof RunAborted ||
    err instanceof ExitRequest || err instanceof LoopControl
}

function commandContext(ex: Executor, argv: string[], assigns: Record<string, string>, io: Streams): CommandContext {
  const { vfs, clock, signal, registry, terminal: tty } = ex.shared
  // Only a command reading and writing the terminal itself (no pipe, redirect or $(...)) gets it.
  const terminal = tty && tty.stdin === io.stdin && tty.stdout === io.stdout ? tty.terminal : undefined
  const ctx = {
    argv, stdout: io.stdout, stderr: io.stderr, env: ex.state.environment(assigns),
    vfs, cwd: ex.state.cwd, clock, signal, shell: ex.state, input: io.stdin, registry, terminal,
  }
  let stdin: string | undefined
  return Object.defineProperty(ctx, 'stdin', { get: () => (stdin ??= io.stdin.rest()), enumerable: true }) as CommandContext
}
