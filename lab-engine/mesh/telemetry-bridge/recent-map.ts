// RecentMap: a bounded map that forgets the entry set longest ago, in O(1) per call.
//
// Why not a plain Map with delete-then-set and `keys().next()` for the oldest: V8's ordered
// hash table leaves a hole for every deleted entry until it rehashes, and the iterator walks
// over the holes from the front. Evicting the oldest entry on every call then costs time in
// the number of holes: under load (a Bookinfo page per few microseconds) that walk was the
// tracing bridge's biggest cost. Here the order lives in a queue of (key, stamp) pairs: an
// entry is evicted only if its stamp is still the key's latest, stale pairs are skipped.

interface Slot<V> { value: V; stamp: number }

export class RecentMap<V> {
  private readonly map = new Map<string, Slot<V>>()
  private queue: { key: string; stamp: number }[] = []
  private head = 0
  private stamp = 0

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size
  }

  get(key: string): V | undefined {
    return this.map.get(key)?.value
  }

  /** Sets the value and makes the key the most recently set; past capacity the least recently set key goes. */
  set(key: string, value: V): void {
    const stamp = ++this.stamp
    const slot = this.map.get(key)
    if (slot) {
      slot.value = value
      slot.stamp = stamp
    } else {
      this.map.set(key, { value, stamp })
    }
    this.queue.push({ key, stamp })
    if (this.map.size > this.capacity) this.evictOldest()
    this.compact()
  }

  delete(key: string): void {
    this.map.delete(key)
  }

  private evictOldest(): void {
    for (;;) {
      const oldest = this.queue[this.head++]!
      if (this.map.get(oldest.key)?.stamp === oldest.stamp) {
        this.map.delete(oldest.key)
        return
      }
    }
  }

  /** Drops the queue's consumed front and stale pairs once they outnumber the live ones (amortised O(1)). */
  private compact(): void {
    const pending = this.queue.length - this.head
    if (pending <= 2 * this.map.size + 64 && this.head <= pending) return
    this.queue = this.queue.slice(this.head).filter((q) => this.map.get(q.key)?.stamp === q.stamp)
    this.head = 0
  }
}
