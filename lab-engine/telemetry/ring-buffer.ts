// Ring buffer: keeps the last N items of an unbounded stream (spans, access-log lines, decision traces).
//
// The issue asks that `fortio load -n 100000` cannot exhaust a session's memory:
// every per-request record goes through one of these, so memory stays
// proportional to the capacity, never to the traffic.

/** Default capacity per session for spans, access-log lines and decision traces. */
export const DEFAULT_RING_CAPACITY = 1_000

/** Upper bound a caller may ask for; larger capacities are refused, not silently clamped. */
export const MAX_RING_CAPACITY = 100_000

export class RingBuffer<T> {
  private readonly items: (T | undefined)[]
  private start = 0
  private count = 0
  private pushed = 0

  constructor(readonly capacity: number = DEFAULT_RING_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_RING_CAPACITY) {
      throw new RangeError(`ring buffer capacity must be an integer in 1..${MAX_RING_CAPACITY}, got ${capacity}`)
    }
    this.items = new Array<T | undefined>(capacity)
  }

  /** Items currently held (at most capacity). */
  get size(): number {
    return this.count
  }

  /** Items ever pushed, including the ones since evicted. */
  get totalPushed(): number {
    return this.pushed
  }

  /** Items evicted because the buffer was full; a UI can say "N older entries were dropped". */
  get dropped(): number {
    return this.pushed - this.count
  }

  /** Appends an item, evicting the oldest when full. */
  push(item: T): void {
    const end = (this.start + this.count) % this.capacity
    this.items[end] = item
    if (this.count < this.capacity) this.count++
    else this.start = (this.start + 1) % this.capacity
    this.pushed++
  }

  /** The item at position i, 0 being the oldest still held. */
  at(i: number): T | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined
    return this.items[(this.start + i) % this.capacity]
  }

  /** Oldest to newest. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.items[(this.start + i) % this.capacity] as T
  }

  /** A copy, oldest to newest. */
  toArray(): T[] {
    return [...this]
  }

  /** The newest n items, oldest first (what `kubectl logs --tail=n` shows). */
  last(n: number): T[] {
    const k = Math.max(0, Math.min(this.count, Math.floor(n)))
    const out: T[] = []
    for (let i = this.count - k; i < this.count; i++) out.push(this.at(i) as T)
    return out
  }

  /** Items matching a predicate, oldest first. */
  filter(pred: (item: T) => boolean): T[] {
    const out: T[] = []
    for (const item of this) if (pred(item)) out.push(item)
    return out
  }

  /** A copy holding the same items (shared by reference) and counters. */
  clone(): RingBuffer<T> {
    const c = new RingBuffer<T>(this.capacity)
    for (let i = 0; i < this.capacity; i++) c.items[i] = this.items[i]
    c.start = this.start
    c.count = this.count
    c.pushed = this.pushed
    return c
  }

  /** Forgets every item (the pushed/dropped counters restart too). */
  clear(): void {
    this.items.fill(undefined)
    this.start = 0
    this.count = 0
    this.pushed = 0
  }
}
