// Shell I/O: writers for stdout/stderr, a shared per-run output budget, and consumable buffered stdin.

export interface Writer {
  write(chunk: string): void
}

/** Bytes (UTF-16 units) one run() may print in total before it is stopped. */
export const MAX_OUTPUT_CHARS = 1024 * 1024

/** Thrown to stop the whole run: a cap was hit. The message is the one line the learner sees. */
export class ShellLimitError extends Error {}

/** Counts everything a run prints across stdout and stderr. */
export class OutputBudget {
  private used = 0
  constructor(private readonly max = MAX_OUTPUT_CHARS) {}

  charge(chunk: string): void {
    this.used += chunk.length
    if (this.used > this.max) throw new ShellLimitError(`bash: output limit exceeded (${this.max} characters)`)
  }
}

export function budgeted(target: Writer, budget: OutputBudget): Writer {
  return { write: (chunk) => { budget.charge(chunk); target.write(chunk) } }
}

/** Collects output in memory (pipes, `$(...)`, file redirects); capped like real pipes are by our budget. */
export class BufferWriter implements Writer {
  private chunks: string[] = []
  private size = 0
  constructor(private readonly max = MAX_OUTPUT_CHARS) {}

  write(chunk: string): void {
    this.size += chunk.length
    if (this.size > this.max) throw new ShellLimitError(`bash: output limit exceeded (${this.max} characters)`)
    this.chunks.push(chunk)
  }

  text(): string {
    return this.chunks.join('')
  }
}

/** Buffered standard input: commands take the rest; `read` takes one line. */
export class Input {
  private pos = 0
  constructor(private readonly data: string) {}

  rest(): string {
    const out = this.data.slice(this.pos)
    this.pos = this.data.length
    return out
  }

  line(): string | null {
    if (this.pos >= this.data.length) return null
    const nl = this.data.indexOf('\n', this.pos)
    const end = nl < 0 ? this.data.length : nl
    const out = this.data.slice(this.pos, end)
    this.pos = nl < 0 ? end : end + 1
    return out
  }
}
