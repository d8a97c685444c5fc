// RecentMap: a bounded map that forgets the entry set longest ago, in amortised O(1) per call.
//
// Why not a plain Map with delete-then-set and `keys().next()` for the oldest: V8's ordered
// hash table leaves a hole for every deleted entry until it rehashes, and a new iterator
// walks over the holes from the front. Evicting the oldest entry on every call then costs
// time in the number of holes: under load (a Bookinfo page every few microseconds) that walk
// was the tracing bridge's biggest cost. Here one iterator lives as long as the map: every
// entry before its position has been evicted or set again (which moves it to the end), so
// its next key is always the oldest live one, and each hole is walked over once.

export class RecentMap<V> {
  private readonly map = new Map<string, V>()
  private oldest: Iterator<string> = this.map.keys()

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.map.size
  }

  get(key: string): V | undefined {
    return this.map.get(key)
  }

  /** Sets the value and makes the key the most recently set; past capacity the least recently set key goes. */
  set(key: string, value: V): void {
    this.map.delete(key)
    this.map.set(key, value)
    if (this.map.size > this.capacity) this.evictOldest()
  }

  delete(key: string): void {
    this.map.delete(key)
  }

  private evictOldest(): void {
    let next = this.oldest.next()
    // A finished iterator stays finished: start a new one (not reached while the map is over capacity).
    if (next.done) {
      this.oldest = this.map.keys()
      next = this.oldest.next()
    }
    if (!next.done) this.map.delete(next.value)
  }
}
