// LogRing: a container's last lines, as a ring of (time, line) pairs without an object per line.
//
// Busy containers log every request; a LogEntry object per line, kept until 1,000 newer lines
// push it out, outlives the young generation and is collected only by a full GC. Here times
// sit in a Float64Array and lines in an array of strings (apps hand out the same few strings),
// so appending allocates nothing. Reading builds the entries, oldest first.
import type { LogEntry } from './pod-logs'

export class LogRing {
  private readonly times: Float64Array
  private readonly lines: string[]
  /** Index of the oldest line. */
  private start = 0
  private count = 0

  constructor(readonly capacity: number, initial: readonly LogEntry[] = []) {
    this.times = new Float64Array(capacity)
    this.lines = new Array<string>(capacity).fill('')
    for (const e of initial) this.push(e.time, e.line)
  }

  get size(): number {
    return this.count
  }

  /** Appends a line; past capacity the oldest one is forgotten. */
  push(time: number, line: string): void {
    const at = (this.start + this.count) % this.capacity
    this.times[at] = time
    this.lines[at] = line
    if (this.count < this.capacity) this.count++
    else this.start = (this.start + 1) % this.capacity
  }

  /** The lines kept, oldest first. */
  entries(): LogEntry[] {
    const out: LogEntry[] = []
    for (let i = 0; i < this.count; i++) {
      const at = (this.start + i) % this.capacity
      out.push({ time: this.times[at]!, line: this.lines[at]! })
    }
    return out
  }
}
