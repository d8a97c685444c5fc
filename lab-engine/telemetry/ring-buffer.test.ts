import { describe, expect, it } from 'vitest'
import { MAX_RING_CAPACITY, RingBuffer } from './ring-buffer'

describe('RingBuffer', () => {
  it('keeps items in push order while under capacity', () => {
    const rb = new RingBuffer<number>(3)
    rb.push(1)
    rb.push(2)
    expect(rb.toArray()).toEqual([1, 2])
    expect(rb.size).toBe(2)
    expect(rb.dropped).toBe(0)
  })

  it('evicts the oldest items once full and counts the drops', () => {
    const rb = new RingBuffer<number>(3)
    for (let i = 1; i <= 7; i++) rb.push(i)
    expect(rb.toArray()).toEqual([5, 6, 7])
    expect(rb.size).toBe(3)
    expect(rb.totalPushed).toBe(7)
    expect(rb.dropped).toBe(4)
  })

  it('memory stays bounded under a long stream', () => {
    const rb = new RingBuffer<{ i: number }>(1000)
    for (let i = 0; i < 100_000; i++) rb.push({ i })
    expect(rb.size).toBe(1000)
    expect(rb.at(0)).toEqual({ i: 99_000 })
    expect(rb.at(999)).toEqual({ i: 99_999 })
  })

  it('last(n) returns the newest n, oldest first', () => {
    const rb = new RingBuffer<string>(4)
    for (const s of ['a', 'b', 'c', 'd', 'e']) rb.push(s)
    expect(rb.last(2)).toEqual(['d', 'e'])
    expect(rb.last(10)).toEqual(['b', 'c', 'd', 'e'])
    expect(rb.last(0)).toEqual([])
  })

  it('at() is undefined outside the held range', () => {
    const rb = new RingBuffer<number>(2)
    rb.push(9)
    expect(rb.at(0)).toBe(9)
    expect(rb.at(1)).toBeUndefined()
    expect(rb.at(-1)).toBeUndefined()
  })

  it('filter() and clear()', () => {
    const rb = new RingBuffer<number>(5)
    for (let i = 0; i < 8; i++) rb.push(i)
    expect(rb.filter((n) => n % 2 === 0)).toEqual([4, 6])
    rb.clear()
    expect(rb.toArray()).toEqual([])
    expect(rb.totalPushed).toBe(0)
  })

  it('clone() copies items and counters, then the two evolve apart', () => {
    const rb = new RingBuffer<number>(3)
    for (let i = 0; i < 5; i++) rb.push(i)
    const c = rb.clone()
    c.push(99)
    rb.push(7)
    expect(c.toArray()).toEqual([3, 4, 99])
    expect(rb.toArray()).toEqual([3, 4, 7])
    expect(c.dropped).toBe(3)
  })

  it('refuses capacities outside 1..MAX_RING_CAPACITY', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity/)
    expect(() => new RingBuffer(1.5)).toThrow(/capacity/)
    expect(() => new RingBuffer(MAX_RING_CAPACITY + 1)).toThrow(/capacity/)
  })
})
