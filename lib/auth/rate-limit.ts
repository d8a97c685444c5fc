// A sliding-window failure counter, in memory (one process serves the app in v1).

export interface RateLimitRule {
  limit: number
  windowMs: number
}

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.rule.limit) return 0
    return recent[recent.length - this.rule.limit] + this.rule.windowMs - this.now()
  }

  record(key: string): void {
    const recent = this.recent(key)
    recent.push(this.now())
    this.hits.set(key, recent)
    if (this.hits.size > this.maxKeys) this.prune()
  }

  reset(key: string): void {
    this.hits.delete(key)
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.rule.windowMs
    return (this.hits.get(key) ?? []).filter((t) => t > cutoff).slice(-this.rule.limit)
  }

  /** Bounded memory: drop keys with no recent hits, then the oldest keys. */
  private prune(): void {
    for (const key of this.hits.keys()) if (this.recent(key).length === 0) this.hits.delete(key)
    const excess = this.hits.size - this.maxKeys
    if (excess > 0) [...this.hits.keys()].slice(0, excess).forEach((k) => this.hits.delete(k))
  }
}
