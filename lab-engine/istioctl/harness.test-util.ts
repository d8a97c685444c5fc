// Test support: a sim session plus an istioctl wired with test doubles (UiChannel, ProxyConfigSource).
import { Input } from '../shell/io'
import { CommandRegistry, HOME_DIR, ShellState } from '../shell'
import { createSimSession, shellClockFor, type SimSession } from '../sim/session'
import { createIstioctlCommand, type IstioctlEnv } from './index'

export interface Harness {
  session: SimSession
  /** Runs a kubectl/istioctl/shell script in the session; returns combined stdout. */
  sh(script: string): Promise<string>
  /** Runs istioctl with the harness env (doubles included). */
  istioctl(args: string[], opts?: { stdin?: string; signal?: AbortSignal }): Promise<{ stdout: string; stderr: string; code: number }>
}

export function harness(extra: Partial<Pick<IstioctlEnv, 'ui' | 'proxyConfig'>> = {}): Harness {
  const session = createSimSession({ seed: 1 })
  const cmd = createIstioctlCommand({ store: session.store, clock: session.clock, ...extra })
  return {
    session,
    async sh(script) {
      const results = await session.run(script)
      return results.map((r) => r.stdout).join('')
    },
    async istioctl(args, opts = {}) {
      let stdout = ''
      let stderr = ''
      const stdin = opts.stdin ?? ''
      const code = await cmd.run({
        argv: ['istioctl', ...args], stdin, input: new Input(stdin),
        stdout: { write: (s) => { stdout += s } }, stderr: { write: (s) => { stderr += s } },
        env: {}, vfs: session.vfs, cwd: HOME_DIR, clock: shellClockFor(session.clock),
        signal: opts.signal ?? new AbortController().signal, shell: ShellState.initial(), registry: new CommandRegistry(),
      })
      return { stdout, stderr, code }
    },
  }
}
