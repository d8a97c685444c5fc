import { describe, expect, it } from 'vitest'
import { utf8Length } from './client'

describe('utf8Length', () => {
  it('counts UTF-8 bytes: ASCII 1, Latin-1 and Greek 2, CJK 3, astral 4', () => {
    expect(utf8Length('')).toBe(0)
    expect(utf8Length('{"url": "http://httpbin:8000/get"}\n')).toBe(35)
    expect(utf8Length('é')).toBe(2)
    expect(utf8Length('Ω€')).toBe(5)
    expect(utf8Length('日本')).toBe(6)
    expect(utf8Length('a😀b')).toBe(6)
  })

  it('keeps its count for a lone surrogate', () => {
    expect(utf8Length('\ud83dx')).toBe(4)
    expect(utf8Length('x\ude00')).toBe(4)
  })
})
