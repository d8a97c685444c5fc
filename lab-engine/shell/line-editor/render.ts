// Render: VT100 bytes that repaint a prompt and line in place, wrapping at the terminal width.
//
// Every repaint goes back to the row where the prompt starts, clears to the end of the
// screen and writes everything again, as linenoise does; the rows are computed from the
// visible length of prompt + line, so a resize or a wrapped line repaints correctly.

/** Width used until the UI calls resize(); xterm.js starts at 80 columns. */
export const DEFAULT_COLS = 80

const ANSI_RE = /\x1b\[[0-9;?]*[\x40-\x7e]|\x1b\][^\x07]*\x07/g

/** Columns a string takes on screen: ANSI colour codes take none. (Wide CJK characters are counted as one.) */
export function visibleWidth(s: string): number {
  return s.replace(ANSI_RE, '').length
}

/** How the edited text shows: a newline (a recalled multi-line command) as one visible mark. */
export function displayText(text: string): string {
  return text.replace(/\n/g, '\u21b5')
}

export interface Frame {
  prompt: string
  text: string
  cursor: number
}

export class Screen {
  /** Rows between the prompt's first row and the row the cursor is on. */
  private cursorRow = 0

  constructor(public cols = DEFAULT_COLS) {}

  /** Bytes that repaint frame over whatever the previous paint left. */
  paint(frame: Frame): string {
    const up = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : ''
    return up + '\r\x1b[J' + this.draw(frame)
  }

  /** Bytes that draw frame from the start of a fresh line (a new prompt, after Ctrl-L, after reconnect). */
  draw(frame: Frame): string {
    const p = visibleWidth(frame.prompt)
    const total = p + frame.text.length
    let out = frame.prompt + displayText(frame.text)
    // At an exact multiple of the width the terminal holds the cursor in the last column; move it down explicitly.
    if (total > 0 && total % this.cols === 0) out += '\r\n'
    return out + this.moveFrom(total, p + frame.cursor)
  }

  /** After the cursor was left at the end of the line: where the next output starts its own line. */
  endLine(frame: Frame): string {
    const total = visibleWidth(frame.prompt) + frame.text.length
    const rowsDown = this.row(total) - this.cursorRow
    this.cursorRow = 0
    const onFreshRow = total > 0 && total % this.cols === 0
    return (rowsDown > 0 ? `\x1b[${rowsDown}B` : '') + (onFreshRow ? '\r' : '\r\n')
  }

  /** The terminal reflowed to a new width: recompute where the cursor sits before repainting. */
  resize(cols: number, frame: Frame | null): void {
    this.cols = Math.max(1, Math.floor(cols))
    if (frame) this.cursorRow = this.row(visibleWidth(frame.prompt) + frame.cursor)
  }

  /** Forget the position: the next paint starts on a fresh line. */
  reset(): void {
    this.cursorRow = 0
  }

  /** Can `s` be echoed as is at the end of the line, without a repaint? */
  canAppend(frame: Frame, s: string): boolean {
    if (frame.cursor !== frame.text.length || /[\n\x00-\x1f]/.test(s)) return false
    const before = visibleWidth(frame.prompt) + frame.text.length
    return this.row(before) === this.row(before + s.length) && (before + s.length) % this.cols !== 0
  }

  private row(offset: number): number {
    return Math.floor(offset / this.cols)
  }

  private moveFrom(from: number, to: number): string {
    const fromRow = this.row(from), toRow = this.row(to)
    this.cursorRow = toRow
    if (from === to) return ''
    let out = fromRow > toRow ? `\x1b[${fromRow - toRow}A` : ''
    const col = to % this.cols
    out += '\r' + (col > 0 ? `\x1b[${col}C` : '')
    return out
  }
}
