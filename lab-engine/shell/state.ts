// ShellState: what a shell session remembers between lines: variables, exports, cwd and `$?`.
import { HOME_DIR } from './vfs'

export interface ShellStateJson {
  vars: Record<string, string>
  exported: string[]
  cwd: string
  lastStatus: number
}

export class ShellState {
  vars = new Map<string, string>()
  exported = new Set<string>()
  cwd = HOME_DIR
  lastStatus = 0

  static initial(env: Record<string, string> = {}): ShellState {
    const s = new ShellState()
    const defaults = { HOME: HOME_DIR, USER: 'learner', PATH: '/usr/local/bin:/usr/bin:/bin', SHELL: '/bin/bash', PWD: HOME_DIR }
    for (const [k, v] of Object.entries({ ...defaults, ...env })) s.setExported(k, v)
    return s
  }

  static fromJSON(json: ShellStateJson): ShellState {
    const s = new ShellState()
    s.vars = new Map(Object.entries(json.vars))
    s.exported = new Set(json.exported)
    s.cwd = json.cwd
    s.lastStatus = json.lastStatus
    return s
  }

  toJSON(): ShellStateJson {
    return { vars: Object.fromEntries(this.vars), exported: [...this.exported], cwd: this.cwd, lastStatus: this.lastStatus }
  }

  /** A subshell's copy: `$(...)` and `( ... )` never change the parent. */
  clone(): ShellState {
    return ShellState.fromJSON(this.toJSON())
  }

  get(name: string): string | undefined {
    if (name === '?') return String(this.lastStatus)
    if (name === 'PWD') return this.cwd
    return this.vars.get(name)
  }

  set(name: string, value: string): void {
    this.vars.set(name, value)
  }

  setExported(name: string, value?: string): void {
    if (value !== undefined) this.vars.set(name, value)
    this.exported.add(name)
  }

  /** The environment a command sees: exported variables plus its own `X=1 cmd` prefixes. */
  environment(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {}
    for (const name of this.exported) {
      const v = this.get(name)
      if (v !== undefined) env[name] = v
    }
    return { ...env, ...extra }
  }
}
