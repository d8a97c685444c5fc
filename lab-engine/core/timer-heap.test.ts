import { describe, expect, it } from 'vitest'
import { Rng } from './rng'
import { TimerHeap, type HeapEntry } from './timer-heap'

interface E extends HeapEntry { id: number }

const entry = (at: number, seq: number): E => ({ at, seq, cancelled: false, id: seq })

describe('TimerHeap', () => {
  it('pops by deadline, equal deadlines by seq', () => {
    const h = new TimerHeap<E>()
    for (const [at, seq] of [[5, 0], [1, 1], [5, 2], [3, 3], [1, 4]] as const) h.push(entry(at, seq))
    const order: number[] = []
    for (let e = h.pop(); e; e = h.pop()) order.push(e.seq)
    expect(order).toEqual([1, 4, 3, 0, 2])
  })

  it('skips cancelled entries and counts only live ones', () => {
    const h = new TimerHeap<E>()
    const a = entry(1, 0)
    const b = entry(2, 1)
    h.push(a)
    h.push(b)
    a.cancelled = true
    h.cancelled()
    expect(h.size).toBe(1)
    expect(h.peek()).toBe(b)
    expect(h.sorted()).toEqual([b])
    expect(h.pop()).toBe(b)
    expect(h.pop()).toBeUndefined()
    expect(h.size).toBe(0)
  })

  it('agrees with a sorted list under random pushes, pops and cancels', () => {
    const rng = Rng.seeded(7)
    const h = new TimerHeap<E>()
    let ref: E[] = []
    let seq = 0
    for (let step = 0; step < 5000; step++) {
      const op = rng.int(10)
      if (op < 5) {
        const e = entry(rng.int(50), seq++)
        h.push(e)
        ref.push(e)
      } else if (op < 8) {
        ref.sort((x, y) => x.at - y.at || x.seq - y.seq)
        expect(h.pop()).toBe(ref.shift())
      } else if (ref.length > 0) {
        const victim = ref[rng.int(ref.length)]!
        victim.cancelled = true
        h.cancelled()
        ref = ref.filter((e) => e !== victim)
      }
      expect(h.size).toBe(ref.length)
    }
    ref.sort((x, y) => x.at - y.at || x.seq - y.seq)
    expect(h.sorted()).toEqual(ref)
    expect(h.drain().length).toBe(ref.length)
    expect(h.size).toBe(0)
  })
})
