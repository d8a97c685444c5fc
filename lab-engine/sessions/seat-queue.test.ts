import { describe, expect, it } from 'vitest'
import { SeatQueue } from './seat-queue'

describe('SeatQueue', () => {
  it('gives places in arrival order and keeps a place for a learner who asks again', () => {
    const q = new SeatQueue(60_000)
    expect(q.join('a', 'lab', 0)).toBe(1)
    expect(q.join('b', 'lab', 10)).toBe(2)
    expect(q.join('a', 'lab', 20)).toBe(1)
    expect(q.mayTakeSeat('b', 'lab', 30)).toBe(false)
    expect(q.mayTakeSeat('a', 'lab', 30)).toBe(true)
    q.leave('a', 'lab')
    expect(q.mayTakeSeat('b', 'lab', 40)).toBe(true)
  })

  it('drops a learner who stopped asking, so the next one moves up', () => {
    const q = new SeatQueue(1_000)
    q.join('a', 'lab', 0)
    q.join('b', 'lab', 500)
    expect(q.join('b', 'lab', 1_400)).toBe(1)
    expect(q.length).toBe(1)
  })

  it('lets anyone take a seat when nobody waits', () => {
    expect(new SeatQueue(1_000).mayTakeSeat('x', 'lab', 0)).toBe(true)
  })
})
