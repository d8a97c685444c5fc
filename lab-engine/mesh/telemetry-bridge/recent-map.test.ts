import { describe, expect, it } from 'vitest'
import { RecentMap } from './recent-map'

/** The reference: a Map kept in set order by delete-then-set, the oldest dropped past capacity. */
function reference(capacity: number) {
  const m = new Map<string, number>()
  return {
    m,
    set(k: string, v: number) {
      m.delete(k)
      m.set(k, v)
      if (m.size > capacity) m.delete(m.keys().next().value!)
    },
  }
}

describe('RecentMap', () => {
  it('forgets the key set longest ago once past capacity; setting a key again makes it the newest', () => {
    const r = new RecentMap<number>(2)
    r.set('a', 1)
    r.set('b', 2)
    r.set('a', 3)
    r.set('c', 4)
    expect(r.get('b')).toBeUndefined()
    expect(r.get('a')).toBe(3)
    expect(r.get('c')).toBe(4)
    expect(r.size).toBe(2)
  })

  it('a deleted key is gone and does not count against capacity', () => {
    const r = new RecentMap<number>(2)
    r.set('a', 1)
    r.set('b', 2)
    r.delete('a')
    r.set('c', 3)
    expect([r.get('a'), r.get('b'), r.get('c')]).toEqual([undefined, 2, 3])
  })

  it('keeps exactly what a delete-then-set Map keeps, over a long random run of sets and deletes', () => {
    let seed = 7
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 97)
    for (const capacity of [1, 5, 40]) {
      const r = new RecentMap<number>(capacity)
      const ref = reference(capacity)
      for (let i = 0; i < 20_000; i++) {
        const k = `k${next()}`
        if (next() < 20) { r.delete(k); ref.m.delete(k) } else { r.set(k, i); ref.set(k, i) }
      }
      expect(r.size).toBe(ref.m.size)
      for (let j = 0; j < 97; j++) expect(r.get(`k${j}`)).toBe(ref.m.get(`k${j}`))
    }
  })
})
