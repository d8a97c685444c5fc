// JSON stream splitter: cuts kubectl's `--watch -o json` output (indented JSON values, one after another) into whole values.
//
// kubectl prints each watch event as a pretty-printed object, not one per
// line, so objects are found by brace depth, minding strings and escapes.

/** Past this, a single value is treated as garbage and dropped (a watch event is a few KB). */
export const MAX_JSON_VALUE_CHARS = 4 * 1024 * 1024

export class JsonObjectSplitter {
  private buf = ''
  private depth = 0
  private inString = false
  private escaped = false
  private start = -1
  /** Values dropped because they did not parse or were too large. */
  dropped = 0

  /** Feeds a chunk; returns the values it completed. */
  push(chunk: string): unknown[] {
    const out: unknown[] = []
    const from = this.buf.length
    this.buf += chunk
    for (let i = from; i < this.buf.length; i++) this.step(this.buf[i]!, i, out)
    this.compact()
    return out
  }

  private step(ch: string, i: number, out: unknown[]): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false
      else if (ch === '\\') this.escaped = true
      else if (ch === '"') this.inString = false
      return
    }
    if (ch === '"' && this.depth > 0) this.inString = true
    else if (ch === '{') {
      if (this.depth++ === 0) this.start = i
    } else if (ch === '}' && this.depth > 0 && --this.depth === 0) {
      this.emit(this.buf.slice(this.start, i + 1), out)
      this.start = -1
    }
  }

  private emit(text: string, out: unknown[]): void {
    try {
      out.push(JSON.parse(text))
    } catch {
      this.dropped++
    }
  }

  /** Keeps only the unfinished value; drops one that grew past the cap. */
  private compact(): void {
    if (this.start < 0) {
      this.buf = ''
      return
    }
    this.buf = this.buf.slice(this.start)
    this.start = 0
    if (this.buf.length > MAX_JSON_VALUE_CHARS) {
      this.dropped++
      this.buf = ''
      this.depth = 0
      this.inString = false
      this.start = -1
    }
  }
}
