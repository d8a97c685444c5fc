import { describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from './rate-limit'

function limiter(limit: number, windowMs: number, maxKeys?: number) {
  let now = 1_000_000
  const l = new SlidingWindowLimiter({ limit, windowMs }, () => now, maxKeys)
  return { l, advance: (ms: number) => (now += ms) }
}

describe('SlidingWindowLimiter', () => {
  it('allows up to the limit, then says how long to wait', () => {
    const { l, advance } = limiter(3, 60_000)
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterMs('k')).toBe(0)
      l.record('k')
      advance(1000)
    }
    expect(l.retryAfterMs('k')).toBe(60_000 - 3000)
    advance(57_000)
    expect(l.retryAfterMs('k')).toBe(0)
  })

  it('keeps keys apart and resets one key', () => {
    const { l } = limiter(1, 60_000)
    l.record('a')
    expect(l.retryAfterMs('a')).toBeGreaterThan(0)
    expect(l.retryAfterMs('b')).toBe(0)
    l.reset('a')
    expect(l.retryAfterMs('a')).toBe(0)
  })

  it('bounds its memory to maxKeys', () => {
    const { l } = limiter(5, 60_000, 100)
    for (let i = 0; i < 1000; i++) l.record(`key-${i}`)
    expect((l as unknown as { hits: Map<string, number[]> }).hits.size).toBeLessThanOrEqual(100)
    expect(l.retryAfterMs('key-999')).toBe(0)
  })
})
