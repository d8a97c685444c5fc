// LineBuffer: the text being edited and its cursor, with readline's editing operations (no terminal output).

export class LineBuffer {
  constructor(public text = '', public cursor = text.length) {}

  set(text: string, cursor = text.length): void {
    this.text = text
    this.cursor = Math.max(0, Math.min(cursor, text.length))
  }

  insert(s: string): void {
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor)
    this.cursor += s.length
  }

  left(): void { this.cursor = Math.max(0, this.cursor - 1) }
  right(): void { this.cursor = Math.min(this.text.length, this.cursor + 1) }
  home(): void { this.cursor = 0 }
  end(): void { this.cursor = this.text.length }

  backspace(): void {
    if (this.cursor === 0) return
    this.replace(this.cursor - 1, this.cursor, '')
  }

  deleteChar(): void {
    this.replace(this.cursor, this.cursor + 1, '')
  }

  /** Ctrl-K: kill to the end of the line. */
  killToEnd(): void { this.replace(this.cursor, this.text.length, '') }

  /** Ctrl-U: kill to the start of the line (readline's unix-line-discard). */
  killToStart(): void { this.replace(0, this.cursor, '') }

  /** Ctrl-W: kill the whitespace-delimited word before the cursor (readline's unix-word-rubout). */
  killWordBack(): void {
    this.replace(this.wordStartBefore(/\s/), this.cursor, '')
  }

  /** Alt-B / Ctrl-Left: back to the start of the previous alphanumeric word. */
  wordLeft(): void { this.cursor = this.wordStartBefore(/[^A-Za-z0-9]/) }

  /** Alt-F / Ctrl-Right: forward to the end of the next alphanumeric word. */
  wordRight(): void {
    let i = this.cursor
    while (i < this.text.length && /[^A-Za-z0-9]/.test(this.text[i])) i++
    while (i < this.text.length && /[A-Za-z0-9]/.test(this.text[i])) i++
    this.cursor = i
  }

  /** Replaces text[from, to) and leaves the cursor after the replacement. */
  replace(from: number, to: number, s: string): void {
    this.text = this.text.slice(0, from) + s + this.text.slice(to)
    this.cursor = from + s.length
  }

  private wordStartBefore(separator: RegExp): number {
    let i = this.cursor
    while (i > 0 && separator.test(this.text[i - 1])) i--
    while (i > 0 && !separator.test(this.text[i - 1])) i--
    return i
  }
}
