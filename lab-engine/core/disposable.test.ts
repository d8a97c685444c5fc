// Tests for Disposable helpers.
import { describe, expect, it } from 'vitest'
import { DisposableStore, toDisposable } from './disposable'

describe('DisposableStore', () => {
  it('disposes everything once, newest first', () => {
    const order: string[] = []
    const store = new DisposableStore()
    store.add(toDisposable(() => order.push('a')))
    store.add(toDisposable(() => order.push('b')))
    store.dispose()
    store.dispose()
    expect(order).toEqual(['b', 'a'])
    expect(store.isDisposed).toBe(true)
  })

  it('disposes an item added after the store was disposed', () => {
    const store = new DisposableStore()
    store.dispose()
    let done = false
    store.add(toDisposable(() => (done = true)))
    expect(done).toBe(true)
  })

  it('disposes the rest when one throws, then reports the errors', () => {
    const store = new DisposableStore()
    let other = false
    store.add(toDisposable(() => (other = true)))
    store.add(toDisposable(() => { throw new Error('boom') }))
    expect(() => store.dispose()).toThrow(AggregateError)
    expect(other).toBe(true)
  })

  it('lets an owner take an item back without disposing it', () => {
    const store = new DisposableStore()
    let done = false
    const item = store.add(toDisposable(() => (done = true)))
    store.delete(item)
    store.dispose()
    expect(done).toBe(false)
  })
})
