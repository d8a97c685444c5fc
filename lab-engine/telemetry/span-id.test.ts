import { describe, expect, it } from 'vitest'
import { Rng } from '../core/rng'
import { newSpanId } from './spans'

describe('newSpanId', () => {
  it('gives the ids rng.hex(16) would, draw for draw, so recorded spans keep their ids', () => {
    const a = Rng.seeded('span-ids')
    const b = Rng.seeded('span-ids')
    for (let i = 0; i < 200; i++) {
      const id = newSpanId(a)
      expect(id).toMatch(/^[0-9a-f]{16}$/)
      expect(id).toBe(b.hex(16))
    }
    expect(a.snapshot()).toEqual(b.snapshot())
  })
})
