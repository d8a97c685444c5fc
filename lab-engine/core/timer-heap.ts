// TimerHeap: the Clock's pending timers as a binary min-heap ordered by (at, seq).
//
// A sorted array pays a splice per insert and per cancel; the heap pays O(log n) for
// push and pop. Cancelled entries stay in place and are dropped when they reach the
// top (lazy deletion), so a cancel is O(1); `size` counts live entries only.

export interface HeapEntry {
  readonly at: number
  readonly seq: number
  cancelled: boolean
}

function before(a: HeapEntry, b: HeapEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}

export class TimerHeap<E extends HeapEntry> {
  private items: E[] = []
  private live = 0

  /** Live (not cancelled) entries. */
  get size(): number {
    return this.live
  }

  push(e: E): void {
    const items = this.items
    let i = items.length
    items.push(e)
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = items[parent]!
      if (!before(e, p)) break
      items[i] = p
      i = parent
    }
    items[i] = e
    this.live++
  }

  /** The earliest live entry, without removing it. */
  peek(): E | undefined {
    this.dropCancelledTop()
    return this.items[0]
  }

  /** Removes and returns the earliest live entry. */
  pop(): E | undefined {
    this.dropCancelledTop()
    const top = this.items[0]
    if (top === undefined) return undefined
    this.removeTop()
    this.live--
    return top
  }

  /** Call after setting an entry's `cancelled` flag: it no longer counts and is dropped when it surfaces. */
  cancelled(): void {
    this.live--
    // Mostly cancelled (timeouts that never fire): rebuild so memory follows the live count.
    if (this.items.length > 64 && this.live < this.items.length >> 2) this.rebuild()
  }

  /** Live entries in (at, seq) order. */
  sorted(): E[] {
    return this.items.filter((e) => !e.cancelled).sort((a, b) => (before(a, b) ? -1 : 1))
  }

  /** Every live entry, in no particular order; the heap is left empty. */
  drain(): E[] {
    const out = this.items.filter((e) => !e.cancelled)
    this.items = []
    this.live = 0
    return out
  }

  private dropCancelledTop(): void {
    while (this.items.length > 0 && this.items[0]!.cancelled) this.removeTop()
  }

  private removeTop(): void {
    const items = this.items
    const last = items.pop()!
    const n = items.length
    if (n === 0) return
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && before(items[r]!, items[l]!) ? r : l
      if (!before(items[c]!, last)) break
      items[i] = items[c]!
      i = c
    }
    items[i] = last
  }

  private rebuild(): void {
    const live = this.items.filter((e) => !e.cancelled)
    this.items = []
    this.live = 0
    for (const e of live) this.push(e)
  }
}
