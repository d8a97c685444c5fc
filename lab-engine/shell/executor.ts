// Executor: walks the AST for one run(): lists, and-or, pipelines, loops, if, case, groups and subshells.
import type { CaseItem, Command, Stmt, Word } from './ast'
import type { ShellClock } from './clock'
import { ExitRequest, LoopControl, MAX_LOOP_ITERATIONS, MAX_SUBSHELL_DEPTH, RunAborted } from './control'
import { arith, ExpansionError, expandPattern, expandString, expandWords, type ExpandEnv } from './expand'
import { globMatch } from './glob'
import { BufferWriter, Input, ShellLimitError } from './io'
import { applyRedirects, RedirectError, type Streams } from './redirects'
import type { CommandRegistry } from './registry'
import { runSimple } from './run-simple'
import type { ShellState } from './state'
import type { Terminal } from './terminal'
import type { Vfs } from './vfs'

/** What every executor of one run() shares, subshells included. */
export interface RunShared {
  vfs: Vfs
  registry: CommandRegistry
  clock: ShellClock
  signal: AbortSignal
  iterations: number
  /** Where `$(...)` sends its errors: the run's stderr. */
  stderr: Streams['stderr']
  /** The line editor's terminal and the run's own stdin/stdout: a command whose streams are these may use it. */
  terminal?: { terminal: Terminal; stdin: Streams['stdin']; stdout: Streams['stdout'] }
}

export class Executor {
  /** Status of the last `$(...)`, for `X=$(cmd)` alone on a line. */
  lastSubstStatus = 0
  /** Loops we are inside; `break` outside any loop does nothing, as in bash. */
  loopDepth = 0

  constructor(readonly shared: RunShared, readonly state: ShellState, readonly depth = 0) {}

  async list(stmts: Stmt[], io: Streams): Promise<number> {
    let status = this.state.lastStatus
    for (const s of stmts) {
      status = await this.stmt(s, io)
      this.state.lastStatus = status
    }
    return status
  }

  async stmt(s: Stmt, io: Streams): Promise<number> {
    if (this.shared.signal.aborted) throw new RunAborted()
    let status: number
    try {
      const streams = await applyRedirects(s.redirects, io, this.redirectEnv())
      status = await this.command(s.cmd, streams)
    } catch (err) {
      if (!(err instanceof RedirectError || err instanceof ExpansionError)) throw err
      io.stderr.write(err.message + '\n')
      status = 1
    }
    return s.negated ? Number(status === 0) : status
  }

  expandEnv(): ExpandEnv {
    return { state: this.state, vfs: this.shared.vfs, subst: (body) => this.subst(body) }
  }

  expand(word: Word): Promise<string> {
    return expandString(word, this.expandEnv())
  }

  private redirectEnv() {
    return { vfs: this.shared.vfs, cwd: this.state.cwd, expand: (w: Word) => this.expand(w) }
  }

  private async command(c: Command, io: Streams): Promise<number> {
    switch (c.type) {
      case 'simple': return runSimple(this, c, io)
      case 'and-or': return this.andOr(c, io)
      case 'pipeline': return this.pipeline(c.stages, io)
      case 'group': return this.list(c.body, io)
      case 'subshell': return isolated(this.subshell(), (sub) => sub.list(c.body, io))
      case 'if': return this.ifCmd(c, io)
      case 'while': return this.whileCmd(c, io)
      case 'for': return this.forCmd(c, io)
      case 'cfor': return this.cForCmd(c, io)
      case 'case': return this.caseCmd(c, io)
      case 'arith': return this.arithCmd(c)
    }
  }

  private async andOr(c: Extract<Command, { type: 'and-or' }>, io: Streams): Promise<number> {
    const left = await this.stmt(c.left, io)
    this.state.lastStatus = left
    if ((c.op === '&&') !== (left === 0)) return left
    return this.stmt(c.right, io)
  }

  /** Stages run one after another over buffered pipes, each in a subshell (bash without lastpipe). */
  private async pipeline(stages: Stmt[], io: Streams): Promise<number> {
    let stdin = io.stdin
    let status = 0
    for (let i = 0; i < stages.length; i++) {
      const last = i === stages.length - 1
      const buf = last ? null : new BufferWriter()
      status = await isolated(this.subshell(), (sub) => sub.stmt(stages[i], { stdin, stdout: buf ?? io.stdout, stderr: io.stderr }))
      if (buf) stdin = new Input(buf.text())
    }
    return status
  }

  private async ifCmd(c: Extract<Command, { type: 'if' }>, io: Streams): Promise<number> {
    if ((await this.list(c.cond, io)) === 0) return this.list(c.then, io)
    return c.else ? this.list(c.else, io) : 0
  }

  private async whileCmd(c: Extract<Command, { type: 'while' }>, io: Streams): Promise<number> {
    let status = 0
    while (((await this.list(c.cond, io)) === 0) !== c.until) {
      this.tick()
      const r = await this.loopBody(c.body, io)
      status = r.status
      if (r.stop) break
    }
    return status
  }

  private async forCmd(c: Extract<Command, { type: 'for' }>, io: Streams): Promise<number> {
    const items = c.items ? await expandWords(c.items, this.expandEnv()) : []
    let status = 0
    for (const item of items) {
      this.tick()
      this.state.set(c.name, item)
      const r = await this.loopBody(c.body, io)
      status = r.status
      if (r.stop) break
    }
    return status
  }

  /** `for ((i=0; i<n; i++))`: counts against the same iteration cap as every other loop. */
  private async cForCmd(c: Extract<Command, { type: 'cfor' }>, io: Streams): Promise<number> {
    const env = this.expandEnv()
    if (c.init) await arith(c.init, env, '((')
    let status = 0
    while (!c.cond || (await arith(c.cond, env, '((')) !== 0n) {
      this.tick()
      const r = await this.loopBody(c.body, io)
      status = r.status
      if (r.stop) break
      if (c.post) await arith(c.post, env, '((')
    }
    return status
  }

  private async loopBody(body: Stmt[], io: Streams): Promise<{ status: number; stop: boolean }> {
    this.loopDepth++
    try {
      return { status: await this.list(body, io), stop: false }
    } catch (err) {
      if (!(err instanceof LoopControl)) throw err
      if (--err.levels > 0 && this.loopDepth > 1) throw err
      return { status: 0, stop: err.kind === 'break' || err.levels > 0 }
    } finally {
      this.loopDepth--
    }
  }

  private tick(): void {
    if (++this.shared.iterations > MAX_LOOP_ITERATIONS) {
      throw new ShellLimitError(`bash: loop iteration limit exceeded (${MAX_LOOP_ITERATIONS} iterations); stopped`)
    }
  }

  /** `((expr))` and `let`: true (0) when the last expression is non-zero (bash manual, Shell Arithmetic). */
  private async arithCmd(c: Extract<Command, { type: 'arith' }>): Promise<number> {
    let value = 0n
    for (const e of c.exprs) value = await arith(e, this.expandEnv(), c.name)
    return value !== 0n ? 0 : 1
  }

  private async caseCmd(c: Extract<Command, { type: 'case' }>, io: Streams): Promise<number> {
    const subject = await this.expand(c.word)
    let status = 0
    let fall = false
    for (const item of c.items) {
      if (!fall && !(await this.caseMatches(item, subject))) continue
      status = await this.list(item.body, io)
      if (item.terminator === ';;') return status
      fall = item.terminator === ';&'
    }
    return status
  }

  private async caseMatches(item: CaseItem, subject: string): Promise<boolean> {
    for (const p of item.patterns) if (globMatch(await expandPattern(p, this.expandEnv()), subject)) return true
    return false
  }

  subshell(): Executor {
    if (this.depth >= MAX_SUBSHELL_DEPTH) throw new ShellLimitError(`bash: subshell nesting too deep (over ${MAX_SUBSHELL_DEPTH})`)
    return new Executor(this.shared, this.state.clone(), this.depth + 1)
  }

  /** `$(...)`: a subshell whose standard output becomes the word; `exit` inside ends only the subshell. */
  private async subst(body: Stmt[]): Promise<string> {
    const sub = this.subshell()
    const out = new BufferWriter()
    try {
      this.lastSubstStatus = await sub.list(body, { stdin: new Input(''), stdout: out, stderr: this.shared.stderr })
    } catch (err) {
      if (!(err instanceof ExitRequest)) throw err
      this.lastSubstStatus = err.code
    }
    return out.text()
  }
}

/** `( exit 3 )` and `exit 3 | cat`: exit ends only the subshell, whose status becomes the command's. */
async function isolated(sub: Executor, body: (sub: Executor) => Promise<number>): Promise<number> {
  try {
    return await body(sub)
  } catch (err) {
    if (!(err instanceof ExitRequest)) throw err
    return err.code < 0 ? sub.state.lastStatus : err.code
  }
}
