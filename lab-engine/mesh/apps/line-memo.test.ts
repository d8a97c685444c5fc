import { describe, expect, it } from 'vitest'
import { lineMemo } from './line-memo'

describe('lineMemo', () => {
  it('returns the same string object while the parts repeat, and a new line as soon as one differs', () => {
    let built = 0
    const memo = lineMemo((method: string, path: string, status: number) => (built++, `${method} ${path} ${status}`))
    const first = memo.line('GET', '/ratings/0', 200)
    expect(first).toBe('GET /ratings/0 200')
    expect(memo.line('GET', `/ratings/${0}`, 200)).toBe(first)
    expect(built).toBe(1)
    expect(memo.line('GET', '/ratings/0', 500)).toBe('GET /ratings/0 500')
    expect(memo.line('GET', '/ratings/0', 200)).toBe('GET /ratings/0 200')
    expect(built).toBe(3)
  })

  it('an undefined part is a part like any other', () => {
    const memo = lineMemo((a: string, b: string | undefined) => `${a}|${b ?? '-'}`)
    expect(memo.line('x', undefined)).toBe('x|-')
    expect(memo.line('x', 'y')).toBe('x|y')
  })
})
