// EventStream: a bounded push queue read as an AsyncIterable, one per events() consumer.
//
// A consumer that stops reading (a stalled socket) must not grow the queue
// without bound: past the cap the oldest events are dropped and counted, as a
// lossy telemetry channel does; `resource` consumers re-list on reconnect anyway.
import type { Disposable } from '../core/disposable'

export const MAX_QUEUED_EVENTS = 1_000

export class EventStream<T> implements AsyncIterable<T>, Disposable {
  private readonly queue: T[] = []
  private waiting: ((r: IteratorResult<T>) => void) | null = null
  private closed = false
  dropped = 0

  constructor(
    private readonly onClose: () => void = () => {},
    private readonly cap = MAX_QUEUED_EVENTS,
  ) {}

  push(event: T): void {
    if (this.closed) return
    if (this.waiting) {
      const resolve = this.waiting
      this.waiting = null
      return resolve({ value: event, done: false })
    }
    if (this.queue.length >= this.cap) {
      this.queue.shift()
      this.dropped++
    }
    this.queue.push(event)
  }

  /** Ends the stream: a waiting reader gets done; queued events are discarded. */
  dispose(): void {
    if (this.closed) return
    this.closed = true
    this.queue.length = 0
    this.waiting?.({ value: undefined, done: true })
    this.waiting = null
    this.onClose()
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false })
        if (this.closed) return Promise.resolve({ value: undefined, done: true })
        return new Promise((resolve) => (this.waiting = resolve))
      },
      return: () => {
        this.dispose()
        return Promise.resolve({ value: undefined, done: true })
      },
    }
  }
}
