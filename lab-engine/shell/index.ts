// Shell public API: parse, run, the VFS, the command registry and a ready-made session shell.
import type { ShellClock } from './clock'
import { registerCoreutils } from './coreutils'
import { Shell } from './interpreter'
import { CommandRegistry } from './registry'
import { ShellState } from './state'
import { Vfs } from './vfs'

export type { ParseResult, Stmt, Word } from './ast'
export type { ShellClock } from './clock'
export { advancingShellClock, manualClock } from './clock'
export { MAX_LOOP_ITERATIONS, MAX_SUBSHELL_DEPTH } from './control'
export { Shell, STATUS_INTERRUPTED, STATUS_SYNTAX_ERROR, type ShellIO, type ShellOptions } from './interpreter'
export { MAX_OUTPUT_CHARS, type Writer } from './io'
export { MAX_SCRIPT_CHARS, parse } from './parse'
export { CommandRegistry, type CommandContext, type CommandSpec } from './registry'
export { ShellState, type ShellStateJson } from './state'
export { HOME_DIR, MAX_ENTRIES, MAX_FILE_BYTES, MAX_TOTAL_BYTES, resolvePath, Vfs, type VfsJson } from './vfs'
export { VfsError } from './vfs-error'
export type { NestedSession, Terminal } from './terminal'
export { COREUTILS, registerCoreutils } from './coreutils'

/** A shell with coreutils over a fresh VFS (home at /home/learner); callers add kubectl and friends to `registry`. */
export function createShell(opts: { clock: ShellClock; vfs?: Vfs; registry?: CommandRegistry; env?: Record<string, string> }): Shell {
  const vfs = opts.vfs ?? Vfs.withHome(() => opts.clock.now())
  const registry = opts.registry ?? registerCoreutils(new CommandRegistry())
  return new Shell({ vfs, registry, clock: opts.clock, state: ShellState.initial(opts.env) })
}
