import { describe, expect, it } from 'vitest'
import { LogRing } from './log-ring'

describe('LogRing', () => {
  it('keeps lines oldest first and forgets the oldest past its capacity', () => {
    const ring = new LogRing(3, [{ time: 1, line: 'a' }])
    ring.push(2, 'b')
    expect(ring.entries()).toEqual([{ time: 1, line: 'a' }, { time: 2, line: 'b' }])
    ring.push(3, 'c')
    ring.push(4, 'd')
    ring.push(5, 'e')
    expect(ring.size).toBe(3)
    expect(ring.entries()).toEqual([{ time: 3, line: 'c' }, { time: 4, line: 'd' }, { time: 5, line: 'e' }])
  })

  it('keeps fractional times (simulated milliseconds)', () => {
    const ring = new LogRing(2)
    ring.push(1767225600000.25, 'x')
    expect(ring.entries()[0]!.time).toBe(1767225600000.25)
  })
})
