import { describe, expect, it } from 'vitest'
import { formatGoDuration, parseGoDuration } from './go-duration'

describe('Go durations', () => {
  it('parses what time.ParseDuration accepts', () => {
    expect(parseGoDuration('1m30s')).toBe(90_000)
    expect(parseGoDuration('250ms')).toBe(250)
    expect(parseGoDuration('1.5s')).toBe(1500)
    expect(parseGoDuration('-2s')).toBe(-2000)
    expect(parseGoDuration('0')).toBe(0)
    expect(parseGoDuration('10')).toBeUndefined()
    expect(parseGoDuration('1x')).toBeUndefined()
    expect(parseGoDuration('')).toBeUndefined()
  })

  it('formats as Duration.String()', () => {
    expect(formatGoDuration(20_000)).toBe('20s')
    expect(formatGoDuration(90_000)).toBe('1m30s')
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s')
    expect(formatGoDuration(1500)).toBe('1.5s')
    expect(formatGoDuration(250)).toBe('250ms')
    expect(formatGoDuration(0)).toBe('0s')
  })
})
