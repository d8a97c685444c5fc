// Seat queue: when every lab seat is taken, learners wait in arrival order and are told their place.
//
// A learner keeps their place by asking again (the browser polls); one who
// stops asking drops out after the TTL. A freed seat goes to the head of the
// queue: a newcomer cannot take it while others wait.
export interface QueueEntry {
  userId: string
  labSlug: string
  lastSeenMs: number
}

export class SeatQueue {
  private entries: QueueEntry[] = []

  constructor(private readonly ttlMs: number) {}

  /** The learner's 1-based place after (re)joining at time `nowMs`. */
  join(userId: string, labSlug: string, nowMs: number): number {
    this.expire(nowMs)
    const i = this.entries.findIndex((e) => e.userId === userId && e.labSlug === labSlug)
    if (i >= 0) {
      this.entries[i]!.lastSeenMs = nowMs
      return i + 1
    }
    this.entries.push({ userId, labSlug, lastSeenMs: nowMs })
    return this.entries.length
  }

  /** Whether this learner may take a free seat now: the queue is empty or they are at its head. */
  mayTakeSeat(userId: string, labSlug: string, nowMs: number): boolean {
    this.expire(nowMs)
    const head = this.entries[0]
    return !head || (head.userId === userId && head.labSlug === labSlug)
  }

  leave(userId: string, labSlug: string): void {
    this.entries = this.entries.filter((e) => !(e.userId === userId && e.labSlug === labSlug))
  }

  get length(): number {
    return this.entries.length
  }

  private expire(nowMs: number): void {
    this.entries = this.entries.filter((e) => nowMs - e.lastSeenMs <= this.ttlMs)
  }
}
