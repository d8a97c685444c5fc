// Disposables: sessions, sockets and timers release what they hold through one dispose().

export interface Disposable {
  dispose(): void
}

/** Wraps a function as a Disposable that runs it at most once. */
export function toDisposable(fn: () => void): Disposable {
  let done = false
  return {
    dispose() {
      if (done) return
      done = true
      fn()
    },
  }
}

/** Holds disposables and disposes them all, newest first, exactly once. */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>()
  private disposed = false

  get isDisposed(): boolean {
    return this.disposed
  }

  /** Adds an item; adding to a disposed store disposes the item at once so nothing leaks. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose()
    else this.items.add(item)
    return item
  }

  /** Removes an item without disposing it (its owner took it back). */
  delete(item: Disposable): void {
    this.items.delete(item)
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    const items = [...this.items].reverse()
    this.items.clear()
    const errors: unknown[] = []
    for (const item of items) {
      try {
        item.dispose()
      } catch (err) {
        errors.push(err)
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'errors while disposing')
  }
}
