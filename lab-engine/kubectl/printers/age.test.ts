// Source: k8s.io/apimachinery/pkg/util/duration/duration.go HumanDuration and its duration_test.go cases.
import { describe, expect, it } from 'vitest'
import { age, humanDuration } from './age'

const s = 1000
const m = 60 * s
const h = 60 * m
const d = 24 * h

describe('humanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'], [-1 * s, '0s'], [-500, '0s'], [0, '0s'], [1 * s, '1s'], [59 * s, '59s'], [119 * s, '119s'],
    [2 * m, '2m'], [2 * m + 30 * s, '2m30s'], [9 * m + 59 * s, '9m59s'], [10 * m, '10m'], [10 * m + 30 * s, '10m'],
    [179 * m, '179m'], [3 * h, '3h'], [3 * h + 5 * m, '3h5m'], [7 * h + 59 * m, '7h59m'], [8 * h, '8h'], [47 * h + 59 * m, '47h'],
    [48 * h, '2d'], [2 * d + 5 * h, '2d5h'], [7 * d + 23 * h, '7d23h'], [8 * d, '8d'], [729 * d, '729d'],
    [730 * d, '2y'], [731 * d, '2y1d'], [8 * 365 * d - 1 * h, '7y364d'], [8 * 365 * d, '8y'], [20 * 365 * d, '20y'],
  ])('%d ms -> %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text)
  })
})

describe('age', () => {
  const now = Date.parse('2026-01-01T12:00:00Z')
  it('renders the time since a timestamp', () => {
    expect(age('2026-01-01T11:57:30Z', now)).toBe('2m30s')
  })
  it('gives <unknown> for missing or bad timestamps', () => {
    expect(age(undefined, now)).toBe('<unknown>')
    expect(age('', now)).toBe('<unknown>')
    expect(age('yesterday-ish', now)).toBe('<unknown>')
  })
})
