// Property-test support: runs one command spec directly (not through the shell, which would catch its throws).
import { BufferWriter, Input, ShellLimitError } from '../io'
import type { CommandContext, CommandSpec } from '../registry'
import { testShell } from '../test-support'

export interface DirectRun { stdout: string; stderr: string; code: number; limited: boolean }

/** Runs spec with argv over stdin; a ShellLimitError (the output cap) is reported, any other throw escapes. */
export async function runDirect(spec: CommandSpec, argv: string[], stdin: string): Promise<DirectRun> {
  const shell = testShell()
  const stdout = new BufferWriter()
  const stderr = new BufferWriter()
  const ctx: CommandContext = {
    argv, stdin, stdout, stderr, env: shell.state.environment(), vfs: shell.vfs, cwd: shell.state.cwd, clock: shell.clock,
    signal: new AbortController().signal, shell: shell.state, input: new Input(stdin), registry: shell.registry,
  }
  try {
    const code = await spec.run(ctx)
    return { stdout: stdout.text(), stderr: stderr.text(), code, limited: false }
  } catch (err) {
    if (!(err instanceof ShellLimitError)) throw err
    return { stdout: stdout.text(), stderr: stderr.text(), code: 1, limited: true }
  }
}
