// Command registry: commands register themselves by name, like xterm's escape-sequence handlers.
import type { ShellClock } from './clock'
import type { Input, Writer } from './io'
import type { ShellState } from './state'
import type { Terminal } from './terminal'
import type { Vfs } from './vfs'

export interface CommandContext {
  /** argv[0] is the command name as typed. */
  argv: string[]
  /** All of standard input, read eagerly (buffered pipes). */
  stdin: string
  stdout: Writer
  stderr: Writer
  /** Exported variables plus this command's `X=1 cmd` prefixes. */
  env: Record<string, string>
  vfs: Vfs
  cwd: string
  clock: ShellClock
  signal: AbortSignal
  /** The session's shell state, for builtins (cd, export) that change it. */
  shell: ShellState
  /** The same standard input as a stream, for builtins (read) that take one line. */
  input: Input
  registry: CommandRegistry
  /** The learner's terminal, when this command's stdin and stdout are it (see terminal.ts). */
  terminal?: Terminal
}

/**
 * Completes one command's arguments for Tab: `words` are the words before the one being completed
 * (`words[0]` the command), `word` the partial word. Returns candidates, or null for path completion.
 */
export type ArgumentCompleter = (words: string[], word: string) => string[] | null

export interface CommandSpec {
  name: string
  run(ctx: CommandContext): number | Promise<number>
}

export class CommandRegistry {
  private readonly commands = new Map<string, CommandSpec>()
  private readonly completers = new Map<string, ArgumentCompleter>()

  registerCommand(spec: CommandSpec): void {
    if (this.commands.has(spec.name)) throw new Error(`command "${spec.name}" is already registered`)
    this.commands.set(spec.name, spec)
  }

  get(name: string): CommandSpec | undefined {
    return this.commands.get(name)
  }

  has(name: string): boolean {
    return this.commands.has(name)
  }

  /** Lets a command complete its own arguments (kubectl's verbs, types and names). */
  registerCompleter(name: string, completer: ArgumentCompleter): void {
    this.completers.set(name, completer)
  }

  completerFor(name: string): ArgumentCompleter | undefined {
    return this.completers.get(name)
  }

  names(): string[] {
    return [...this.commands.keys()].sort()
  }
}
