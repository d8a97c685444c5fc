// Tests for the rolling update arithmetic.
import { describe, expect, it } from 'vitest'
import { nextNewReplicas, oldScaleDownBudget, planOldScaleDown, resolveFenceposts, scaled } from './deployment-rollout'

describe('resolveFenceposts', () => {
  it('rounds surge up and unavailable down (25% defaults)', () => {
    expect(resolveFenceposts(3)).toEqual({ maxSurge: 1, maxUnavailable: 0 })
    expect(resolveFenceposts(10)).toEqual({ maxSurge: 3, maxUnavailable: 2 })
    expect(scaled('50%', 3, true)).toBe(2)
    expect(scaled(2, 3, true)).toBe(2)
  })
  it('allows one unavailable when both are zero', () => {
    expect(resolveFenceposts(3, { maxSurge: 0, maxUnavailable: 0 })).toEqual({ maxSurge: 0, maxUnavailable: 1 })
  })
})

describe('rolling steps', () => {
  const p = { maxSurge: 1, maxUnavailable: 0 }
  it('surges the new set by at most maxSurge', () => {
    expect(nextNewReplicas(3, 0, 3, p)).toBe(1)
    expect(nextNewReplicas(3, 1, 4, p)).toBe(1)
    expect(nextNewReplicas(3, 1, 3, p)).toBe(2)
    expect(nextNewReplicas(3, 0, 0, p)).toBe(3)
    expect(nextNewReplicas(1, 3, 3, p)).toBe(1)
  })
  it('scales old sets down only while availability holds', () => {
    expect(oldScaleDownBudget(3, 4, 1, 0, p)).toBe(0)
    expect(oldScaleDownBudget(3, 4, 1, 1, p)).toBe(1)
    expect(planOldScaleDown([{ replicas: 3, available: 3 }], 1, 4, 3)).toEqual([2])
    expect(planOldScaleDown([{ replicas: 2, available: 0 }, { replicas: 3, available: 3 }], 3, 3, 2)).toEqual([0, 2])
  })
})
