// LineEditor: the sim terminal's readline — raw keystrokes in, VT100 bytes out, completed lines run through a Shell.
import type { Disposable } from '../../core/disposable'
import type { Shell } from '../interpreter'
import type { NestedSession, Terminal } from '../terminal'
import { parse } from '../parse'
import { defaultCompleter, type Completer } from './completion'
import type { History } from './history'
import { KeyDecoder, MAX_PASTE_CHARS, type Key, type KeyName } from './keys'
import { LineBuffer } from './line-buffer'
import { listCompletions, pasteKeys, toTerminal } from './editor-helpers'
import { Screen, type Frame } from './render'
import { ReverseSearch } from './reverse-search'

/** Keys typed while a command runs that are kept for replay; past this they are dropped, like a full tty queue. */
export const MAX_TYPEAHEAD_KEYS = 4096
/** DECSET 2004: asks the terminal to wrap pastes in \x1b[200~ ... \x1b[201~ (xterm.js only does so when asked). */
export const BRACKETED_PASTE_ON = '\x1b[?2004h'
/** bash's PS2. */
export const CONTINUATION_PROMPT = '> '

export interface LineEditorOptions {
  shell: Shell
  write: (bytes: string) => void
  /** PS1, asked for before each new prompt (so it can show the current directory). */
  prompt: () => string
  completer?: Completer
  historyLimit?: number
}

export interface LineEditorEvents {
  /**
   * The session ended: Ctrl-D on an empty line, or the `exit [N]` builtin at top level. `code` is
   * the shell's exit status; the UI closes the terminal (printing its `logout` line).
   */
  exit: (code: number) => void
  commandStarted: (command: string) => void
  commandFinished: (command: string, exitCode: number) => void
}

type Listeners = { [K in keyof LineEditorEvents]: Set<LineEditorEvents[K]> }

/** A nested shell on the terminal (`kubectl exec -it pod -- sh`) and the command waiting for it to exit. */
interface NestedFrame {
  session: NestedSession
  completer: Completer
  /** The outer command's run, suspended while the nested shell has the terminal. */
  outer: AbortController
  resolve: (code: number) => void
}

/** `sh` inside `sh` inside ... on one terminal; past this attach() refuses, like a process limit. */
export const MAX_ATTACHED_SHELLS = 8

export class LineEditor implements Disposable {
  readonly history: History
  private readonly shell: Shell
  private readonly out: (bytes: string) => void
  private readonly ps1: () => string
  private readonly completer: Completer
  private readonly decoder = new KeyDecoder()
  private readonly screen = new Screen()
  private readonly line = new LineBuffer()
  private readonly listeners: Listeners = { exit: new Set(), commandStarted: new Set(), commandFinished: new Set() }
  private queue: Key[] = []
  /** Lines of a command that parse() called incomplete, waiting for the rest. */
  private continued: string[] = []
  private running: AbortController | null = null
  private search: ReverseSearch | null = null
  private lastKeyWasTab = false
  private prompt = ''
  private disposed = false
  /** Set once the shell has exited; the editor then ignores input, like a closed tty. */
  private exited = false
  /** Nested shells attached by running commands, innermost last. */
  private readonly nested: NestedFrame[] = []
  /** What commands get as ctx.terminal. */
  private readonly terminal: Terminal = { attach: (session) => this.attach(session) }

  constructor(opts: LineEditorOptions) {
    this.shell = opts.shell
    this.out = opts.write
    this.ps1 = opts.prompt
    this.completer = opts.completer ?? defaultCompleter(opts.shell)
    // The shell's history, so the `history` builtin lists what Up and Ctrl-R browse.
    this.history = opts.shell.state.history
    if (opts.historyLimit !== undefined) this.history.setLimit(opts.historyLimit)
    this.write(BRACKETED_PASTE_ON)
    this.newPrompt()
  }

  /** The line being edited and its cursor (for tests and the UI). */
  get state(): { text: string; cursor: number; running: boolean; continuation: boolean } {
    return { text: this.line.text, cursor: this.line.cursor, running: !!this.running, continuation: this.continued.length > 0 }
  }

  on<K extends keyof LineEditorEvents>(event: K, listener: LineEditorEvents[K]): () => void {
    const set = this.listeners[event] as Set<LineEditorEvents[K]>
    set.add(listener)
    return () => set.delete(listener)
  }

  /** Raw bytes from the terminal, in any chunking. */
  input(bytes: string): void {
    if (this.disposed || this.exited) return
    for (const key of this.decoder.feed(bytes)) {
      if (this.running && isKey(key, 'ctrl-c')) this.interrupt()
      else if (this.queue.length < MAX_TYPEAHEAD_KEYS) this.queue.push(key)
      this.drain()
    }
  }

  /** Repaints the prompt and line on a fresh line (the UI calls it after a reconnect, maybe with a new xterm). */
  redraw(): void {
    if (this.disposed || this.running) return
    this.screen.reset()
    this.write(BRACKETED_PASTE_ON + '\r\x1b[J' + this.screen.draw(this.frame()))
  }

  /** The terminal's new size; xterm.js reflows wrapped rows, so the line is repainted for the new width. */
  resize(cols: number, _rows?: number): void {
    if (this.disposed || !(cols > 0)) return
    this.screen.resize(cols, this.running ? null : this.frame())
    if (!this.running) this.repaint()
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.running?.abort()
    for (const frame of this.nested.splice(0)) { frame.outer.abort(); frame.resolve(130) }
    this.queue = []
    for (const set of Object.values(this.listeners)) set.clear()
  }

  private drain(): void {
    while (!this.running && !this.disposed && !this.exited && this.queue.length) {
      const key = this.queue.shift()!
      const wasTab = isKey(key, 'tab')
      if (this.search) this.searchKey(key)
      else this.handle(key)
      this.lastKeyWasTab = wasTab
    }
  }

  private handle(key: Key): void {
    if (key.type === 'text') return this.insert(key.text)
    if (key.type === 'paste') return this.paste(key.text, key.oversized)
    const action = this.actions[key.name]
    action?.()
  }

  private readonly actions: Partial<Record<KeyName, () => void>> = {
    enter: () => this.submit(),
    tab: () => this.complete(),
    backspace: () => this.edit(() => this.line.backspace()),
    delete: () => this.edit(() => this.line.deleteChar()),
    left: () => this.edit(() => this.line.left()),
    right: () => this.edit(() => this.line.right()),
    'ctrl-b': () => this.edit(() => this.line.left()),
    'ctrl-f': () => this.edit(() => this.line.right()),
    home: () => this.edit(() => this.line.home()),
    'ctrl-a': () => this.edit(() => this.line.home()),
    end: () => this.edit(() => this.line.end()),
    'ctrl-e': () => this.edit(() => this.line.end()),
    'word-left': () => this.edit(() => this.line.wordLeft()),
    'word-right': () => this.edit(() => this.line.wordRight()),
    'ctrl-k': () => this.edit(() => this.line.killToEnd()),
    'ctrl-u': () => this.edit(() => this.line.killToStart()),
    'ctrl-w': () => this.edit(() => this.line.killWordBack()),
    up: () => this.recall(this.history.previous(this.line.text)),
    'ctrl-p': () => this.recall(this.history.previous(this.line.text)),
    down: () => this.recall(this.history.next()),
    'ctrl-n': () => this.recall(this.history.next()),
    'ctrl-c': () => this.cancelLine(),
    'ctrl-d': () => this.ctrlD(),
    'ctrl-l': () => this.clearScreen(),
    'ctrl-r': () => this.startSearch(),
  }

  private insert(text: string): void {
    const before = this.frame()
    this.line.insert(text)
    if (this.screen.canAppend(before, text)) this.write(text)
    else this.repaint()
  }

  private edit(op: () => void): void {
    op()
    this.repaint()
  }

  private recall(entry: string | null): void {
    if (entry === null) return this.bell()
    this.line.set(entry)
    this.repaint()
  }

  private ctrlD(): void {
    if (this.line.text === '' && !this.continued.length) return this.end(this.activeShell().state.lastStatus)
    // Ctrl-D on an empty continuation line: bash gives up on the open command (EOF).
    if (this.line.text === '') return this.submit(true)
    this.edit(() => this.line.deleteChar())
  }

  private cancelLine(): void {
    this.line.end()
    this.repaint()
    this.write('^C' + this.screen.endLine(this.frame()))
    this.continued = []
    this.history.reset()
    this.newPrompt()
  }

  private clearScreen(): void {
    this.screen.reset()
    this.write('\x1b[H\x1b[2J' + this.screen.draw(this.frame()))
  }

  private paste(text: string, oversized: boolean): void {
    if (oversized) return this.notice(`mesh-dojo: paste refused: larger than ${MAX_PASTE_CHARS} characters`)
    this.queue.unshift(...pasteKeys(text))
  }

  /** A one-line message between prompts; the line being edited is kept. */
  private notice(message: string): void {
    this.write(this.screen.endLine(this.frame()) + message + '\r\n')
    this.write(this.screen.draw(this.frame()))
  }

  private complete(): void {
    const completer = this.nested.at(-1)?.completer ?? this.completer
    const { candidates, replaceFrom } = completer(this.line.text, this.line.cursor)
    const word = this.line.text.slice(replaceFrom, this.line.cursor)
    if (!candidates.length) return this.bell()
    if (candidates.length === 1) {
      const c = candidates[0]
      // A directory or an option awaiting its value (`jsonpath=`) keeps the cursor on the word, like bash's nospace.
      return this.edit(() => this.line.replace(replaceFrom, this.line.cursor, /[/=]$/.test(c) ? c : c + ' '))
    }
    const listing = listCompletions(candidates, word, this.lastKeyWasTab, this.screen.cols)
    if (listing.prefix.length > word.length) return this.edit(() => this.line.replace(replaceFrom, this.line.cursor, listing.prefix))
    if (!listing.columns) return this.bell()
    this.write(this.screen.endLine(this.frame()) + listing.columns)
    this.write(this.screen.draw(this.frame()))
  }

  private startSearch(): void {
    this.search = new ReverseSearch(this.history, this.line.text)
    this.repaint()
  }

  private searchKey(key: Key): void {
    const search = this.search!
    if (key.type === 'text') search.type(key.text)
    else if (isKey(key, 'ctrl-r')) search.older()
    else if (isKey(key, 'backspace')) search.backspace()
    else if (isKey(key, 'ctrl-g')) return this.endSearch(search.original)
    else {
      this.endSearch(search.result)
      return this.handle(key)
    }
    this.repaint()
  }

  private endSearch(text: string): void {
    this.search = null
    this.line.set(text)
    this.history.reset()
    this.repaint()
  }

  /** Enter: run the command, or collect another line while parse() says it is incomplete (unless at EOF). */
  private submit(eof = false): void {
    if (this.line.cursor !== this.line.text.length) this.edit(() => this.line.end())
    this.write(this.screen.endLine(this.frame()))
    const source = [...this.continued, this.line.text].join('\n')
    if (!eof && parse(source).kind === 'incomplete') {
      this.continued.push(this.line.text)
      return this.newPrompt()
    }
    this.continued = []
    this.history.add(source)
    if (!source.trim()) return this.newPrompt()
    void this.run(source)
  }

  private async run(source: string): Promise<void> {
    const controller = new AbortController()
    this.running = controller
    for (const l of this.listeners.commandStarted) l(source)
    let atLineStart = true
    const sink = { write: (s: string) => { if (s && !controller.signal.aborted) { atLineStart = s.endsWith('\n'); this.write(toTerminal(s)) } } }
    let code: number
    let exitCode: number | null = null
    const filter = this.nested.at(-1)?.session.stderrFilter
    const errors = filter ? { write: (s: string) => sink.write(filter(s)) } : sink
    try {
      const onExit = (c: number) => { exitCode = c }
      code = await this.activeShell().run(source, { stdin: '', stdout: sink, stderr: errors, signal: controller.signal, onExit, terminal: this.terminal })
    } catch (err) {
      sink.write(`bash: internal error: ${err instanceof Error ? err.message : String(err)}\n`)
      code = 1
    }
    if (this.disposed) return
    this.running = null
    // bash would print the prompt after unterminated output; a fresh line keeps the wrap arithmetic honest.
    if (controller.signal.aborted || !atLineStart) this.write('\r\n')
    for (const l of this.listeners.commandFinished) l(source, code)
    if (exitCode !== null) return this.end(exitCode)
    this.newPrompt()
    this.drain()
  }

  private activeShell(): Shell {
    return this.nested.at(-1)?.session.shell ?? this.shell
  }

  /**
   * A running command hands the terminal to a nested shell: its prompt replaces ours and
   * lines run in it until it exits, when the command resumes with the exit status.
   */
  private attach(session: NestedSession): Promise<number> {
    const outer = this.running
    if (!outer || this.disposed || this.exited) return Promise.resolve(1)
    if (this.nested.length >= MAX_ATTACHED_SHELLS) return Promise.reject(new Error('fork: retry: Resource temporarily unavailable'))
    return new Promise((resolve) => {
      this.nested.push({ session, completer: defaultCompleter(session.shell), outer, resolve })
      this.running = null
      this.newPrompt()
      this.drain()
    })
  }

  /** The shell exits: bash prints `exit`, then the terminal layer closes; nothing more is read. */
  private end(code: number): void {
    const frame = this.nested.pop()
    if (frame) return this.detach(frame, code)
    this.exited = true
    this.queue = []
    this.write('exit\r\n')
    for (const l of this.listeners.exit) l(code)
  }

  /** A nested shell exited: the command that attached it runs on (it owns the terminal until it finishes). */
  private detach(frame: NestedFrame, code: number): void {
    if (frame.session.echoExit) this.write('exit\r\n')
    this.running = frame.outer
    frame.resolve(code)
  }

  /** Ctrl-C while a command runs: echo ^C, abort it through its signal, drop the type-ahead (a tty flushes input on SIGINT). */
  private interrupt(): void {
    if (!this.running || this.running.signal.aborted) return
    this.write('^C')
    this.queue = []
    this.running.abort()
  }

  private newPrompt(): void {
    this.prompt = this.continued.length ? CONTINUATION_PROMPT : (this.nested.at(-1)?.session.prompt ?? this.ps1)()
    this.line.set('')
    this.screen.reset()
    this.write(this.screen.draw(this.frame()))
  }

  private frame(): Frame {
    if (this.search) return this.search.frame()
    return { prompt: this.prompt, text: this.line.text, cursor: this.line.cursor }
  }

  private repaint(): void {
    this.write(this.screen.paint(this.frame()))
  }

  private bell(): void {
    this.write('\x07')
  }

  private write(bytes: string): void {
    if (!this.disposed && bytes) this.out(bytes)
  }
}

function isKey(key: Key, name: KeyName): boolean {
  return key.type === 'key' && key.name === name
}
