// History: submitted commands, bounded, with Up/Down navigation and reverse incremental search.

/** Commands the editor remembers per session (bash's HISTSIZE defaults to 500; we keep a little more). */
export const HISTORY_LIMIT = 1000

export class History {
  private entries: string[] = []
  /** Position while browsing with Up/Down; entries.length means "the line being typed". */
  private index = 0
  private draft = ''
  /** Entries dropped off the front by the limit, so numbers stay stable as bash's do. */
  private dropped = 0

  constructor(private limit = HISTORY_LIMIT) {}

  /** A new limit (the line editor's option); older entries beyond it are dropped. */
  setLimit(limit: number): void {
    this.limit = Math.max(0, limit)
    this.trim()
  }

  get size(): number { return this.entries.length }

  list(): readonly string[] { return this.entries }

  /** Adds a submitted command; blank lines and a repeat of the previous command are skipped (bash's ignoredups). */
  add(line: string): void {
    if (line.trim() && this.entries[this.entries.length - 1] !== line) this.entries.push(line)
    this.trim()
    this.reset()
  }

  /** `history -c`: forget everything; numbering starts again at 1. */
  clear(): void {
    this.entries = []
    this.dropped = 0
    this.reset()
  }

  /** Entries with bash's history numbers (1-based, counting dropped ones). */
  numbered(): { n: number; line: string }[] {
    return this.entries.map((line, i) => ({ n: this.dropped + i + 1, line }))
  }

  private trim(): void {
    const extra = this.entries.length - this.limit
    if (extra <= 0) return
    this.entries.splice(0, extra)
    this.dropped += extra
  }

  /** Back to the line being typed (after a submit or an abandoned browse). */
  reset(): void {
    this.index = this.entries.length
    this.draft = ''
  }

  /** Up: the previous entry, or null at the oldest. `current` is kept as the draft when browsing starts. */
  previous(current: string): string | null {
    if (this.index === 0) return null
    if (this.index === this.entries.length) this.draft = current
    return this.entries[--this.index]
  }

  /** Down: the next entry, the saved draft past the newest, or null when not browsing. */
  next(): string | null {
    if (this.index >= this.entries.length) return null
    this.index++
    return this.index === this.entries.length ? this.draft : this.entries[this.index]
  }

  /** The newest entry at or before `from` that contains query, with the match offset; null if none. */
  search(query: string, from = this.entries.length - 1): { index: number; offset: number } | null {
    for (let i = Math.min(from, this.entries.length - 1); i >= 0; i--) {
      const offset = this.entries[i].indexOf(query)
      if (offset >= 0) return { index: i, offset }
    }
    return null
  }

  at(index: number): string { return this.entries[index] }
}
