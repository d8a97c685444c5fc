import { describe, expect, it } from 'vitest'
import { LINE_MEMO_SLOTS, lineMemo } from './line-memo'

describe('lineMemo', () => {
  it('returns the same string object while the parts repeat, and a new line as soon as one differs', () => {
    let built = 0
    const memo = lineMemo((method: string, path: string, status: number) => (built++, `${method} ${path} ${status}`))
    const first = memo.line('GET', '/ratings/0', 200)
    expect(first).toBe('GET /ratings/0 200')
    expect(memo.line('GET', `/ratings/${0}`, 200)).toBe(first)
    expect(built).toBe(1)
    expect(memo.line('GET', '/ratings/0', 500)).toBe('GET /ratings/0 500')
    expect(memo.line('GET', '/ratings/0', 200)).toBe(first)
    expect(built).toBe(2)
  })

  it(`keeps the last ${LINE_MEMO_SLOTS} lines: a call site alternating between them builds each once, more than that are built again`, () => {
    let built = 0
    const memo = lineMemo((host: string) => (built++, `Starting new HTTP connection (1): ${host}:9080`))
    const hosts = Array.from({ length: LINE_MEMO_SLOTS }, (_, i) => `svc-${i}`)
    for (let round = 0; round < 3; round++) for (const h of hosts) expect(memo.line(h)).toBe(`Starting new HTTP connection (1): ${h}:9080`)
    expect(built).toBe(LINE_MEMO_SLOTS)
    memo.line('one-more')
    memo.line(hosts[0]!)
    expect(built).toBe(LINE_MEMO_SLOTS + 2)
  })

  it('an undefined part is a part like any other', () => {
    const memo = lineMemo((a: string, b: string | undefined) => `${a}|${b ?? '-'}`)
    expect(memo.line('x', undefined)).toBe('x|-')
    expect(memo.line('x', 'y')).toBe('x|y')
  })
})
