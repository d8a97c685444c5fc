import { describe, expect, it } from 'vitest'
import { byteLength } from './http-util'

describe('byteLength', () => {
  it('counts UTF-8 bytes, also for long bodies it has seen before and for different bodies of the same length', () => {
    const ascii = 'a'.repeat(300)
    const accented = 'é'.repeat(300)
    expect(byteLength('')).toBe(0)
    expect(byteLength('héllo')).toBe(6)
    for (let i = 0; i < 3; i++) {
      expect(byteLength(ascii)).toBe(300)
      expect(byteLength(accented)).toBe(600)
      expect(byteLength(`${'b'.repeat(299)}€`)).toBe(302)
    }
  })
})
