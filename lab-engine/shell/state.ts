// ShellState: what a shell session remembers between lines: variables, exports, cwd and `$?`.
import { History } from './line-editor/history'
import { HOME_DIR } from './vfs'

export interface ShellStateJson {
  vars: Record<string, string>
  exported: string[]
  cwd: string
  lastStatus: number
  /** Command history (bash keeps it in ~/.bash_history); optional for older snapshots. */
  history?: string[]
}

export class ShellState {
  vars = new Map<string, string>()
  exported = new Set<string>()
  cwd = HOME_DIR
  lastStatus = 0
  /** One history for the line editor (Up, Ctrl-R) and the `history` builtin. */
  history = new History()

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
    for (const line of json.history ?? []) s.history.add(line)
    return s
  }

  toJSON(): ShellStateJson {
    return { vars: Object.fromEntries(this.vars), exported: [...this.exported], cwd: this.cwd, lastStatus: this.lastStatus, history: [...this.history.list()] }
  }

  /** A subshell's copy: `$(...)` and `( ... )` never change the parent. */
  clone(): ShellState {
    const { history: _, ...json } = this.toJSON()
    const copy = ShellState.fromJSON(json)
    // A subshell sees (and `history -c` clears) the same history, as in bash.
    copy.history = this.history
    return copy
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
