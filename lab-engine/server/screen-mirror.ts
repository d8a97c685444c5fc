// ScreenMirror: a server-side headless xterm fed every output byte, so a (re)attaching socket gets the exact screen.
//
// xterm.js parses writes asynchronously and calls a write's callback right
// after that chunk is parsed, before the next one: barrier() therefore sees
// the screen exactly as of its call, whatever was written after it.
import headless from '@xterm/headless'
import { SerializeAddon } from '@xterm/addon-serialize'
import type { Disposable } from '../core/disposable'

// @xterm/headless is a CommonJS bundle whose named exports Node's ESM loader cannot see.
const { Terminal } = headless

export const DEFAULT_SCROLLBACK_LINES = 1_000
/** Output not yet parsed past which new output is skipped (keeping its tail): the mirror's memory bound. */
export const MAX_MIRROR_PENDING_BYTES = 8 * 1024 * 1024
/** How much of the skipped output is kept and written once the parser catches up. */
export const MIRROR_SKIP_TAIL_CHARS = 64 * 1024

/**
 * What a client writes to show the mirror's screen on a terminal that may hold
 * anything: reset attributes, home, clear the screen and the scrollback, then
 * the serialized rows (scrollback, screen, cursor position, modes).
 */
export const CLEAR_SCREEN = '\x1b[0m\x1b[H\x1b[2J\x1b[3J'

export interface ScreenMirrorOptions {
  cols: number
  rows: number
  scrollback?: number
  maxPendingBytes?: number
}

export class ScreenMirror implements Disposable {
  private readonly term: InstanceType<typeof Terminal>
  private readonly serializer = new SerializeAddon()
  private readonly maxPending: number
  private pending = 0
  private skippedTail = ''
  private disposed = false
  /** Output characters skipped because the parser fell too far behind. */
  skippedChars = 0

  constructor(opts: ScreenMirrorOptions) {
    this.term = new Terminal({ cols: opts.cols, rows: opts.rows, scrollback: opts.scrollback ?? DEFAULT_SCROLLBACK_LINES, allowProposedApi: true })
    this.term.loadAddon(this.serializer)
    this.maxPending = opts.maxPendingBytes ?? MAX_MIRROR_PENDING_BYTES
  }

  get cols(): number {
    return this.term.cols
  }

  get rows(): number {
    return this.term.rows
  }

  write(data: string): void {
    if (this.disposed || !data) return
    if (this.pending > this.maxPending) return this.skip(data)
    this.pending += data.length
    this.term.write(data, () => this.parsed(data.length))
  }

  resize(cols: number, rows: number): void {
    if (this.disposed || (cols === this.term.cols && rows === this.term.rows)) return
    // A resize applies at once, but output written before it must be parsed at the old width first.
    this.term.write('', () => this.term.resize(cols, rows))
  }

  /** Calls fn once everything written so far is parsed (and nothing written later). */
  barrier(fn: () => void): void {
    if (this.disposed) return
    this.term.write('', fn)
  }

  /** The screen as bytes that redraw it from a cleared terminal; exact only inside barrier(). */
  serialize(): string {
    return this.serializer.serialize()
  }

  /** The visible rows as text, trailing blanks trimmed (tests and diagnostics). */
  visibleLines(): string[] {
    const buf = this.term.buffer.active
    const lines: string[] = []
    for (let y = 0; y < this.term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '')
    return lines
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.term.dispose()
  }

  private skip(data: string): void {
    this.skippedChars += data.length
    this.skippedTail = (this.skippedTail + data).slice(-MIRROR_SKIP_TAIL_CHARS)
  }

  private parsed(n: number): void {
    this.pending -= n
    if (!this.skippedTail || this.pending > this.maxPending / 2 || this.disposed) return
    const tail = this.skippedTail
    this.skippedTail = ''
    this.write(`\r\n\x1b[0m[output skipped: the terminal fell behind]\r\n${tail}`)
  }
}
