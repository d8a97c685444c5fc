// Reverse-i-search (Ctrl-R): readline's incremental search back through history.
import type { History } from './history'
import type { Frame } from './render'

export class ReverseSearch {
  query = ''
  private index: number
  private match = ''
  private offset = 0
  private failed = false

  constructor(private readonly history: History, readonly original: string) {
    this.index = history.size
  }

  /** The line the search would accept now. */
  get result(): string {
    return this.index < this.history.size ? this.match : this.original
  }

  type(s: string): void {
    this.query += s
    this.find(Math.min(this.index, this.history.size - 1))
  }

  backspace(): void {
    this.query = this.query.slice(0, -1)
    this.find(this.history.size - 1)
  }

  /** Ctrl-R again: the next older match. */
  older(): void {
    if (this.query) this.find(this.index - 1)
  }

  frame(): Frame {
    const label = this.failed ? '(failed reverse-i-search)' : '(reverse-i-search)'
    const text = this.index < this.history.size ? this.match : ''
    return { prompt: `${label}\`${this.query}': `, text, cursor: this.index < this.history.size ? this.offset : 0 }
  }

  private find(from: number): void {
    const hit = this.query ? this.history.search(this.query, from) : null
    this.failed = !!this.query && !hit
    if (!hit) return
    this.index = hit.index
    this.match = this.history.at(hit.index)
    this.offset = hit.offset
  }
}
