import { describe, expect, it } from 'vitest'
import { expiryWarnings } from './expiry'

const MIN = 60_000

describe('expiryWarnings', () => {
  it('warns within the window before the deadline, not before it', () => {
    expect(expiryWarnings({ now: 0, expiresAt: 6 * MIN, idleAt: 60 * MIN }, 5 * MIN)).toEqual([])
    expect(expiryWarnings({ now: 0, expiresAt: 5 * MIN, idleAt: 60 * MIN }, 5 * MIN)).toEqual([{ kind: 'deadline', message: 'This lab session ends in 5 minutes. Extend it to keep working.' }])
  })

  it('warns of the idle timeout separately, rounding the time left up to whole minutes', () => {
    expect(expiryWarnings({ now: 0, expiresAt: null, idleAt: 30_000 }, 5 * MIN)).toEqual([{ kind: 'idle', message: 'No input for a while: the session ends in 1 minute unless you type something.' }])
  })
})
