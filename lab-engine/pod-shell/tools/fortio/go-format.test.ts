// Go's fmt verbs and Duration.String as fortio's published outputs show them.
import { describe, expect, it } from 'vitest'
import { goDuration, goF, goG, goGPrec, goV, parseGoDuration } from './go-format'

describe('Go number formatting', () => {
  it('%g: shortest digits, exponent form below 1e-4 and from 1e6 (values from fortio reports)', () => {
    expect(goG(0.000835011)).toBe('0.000835011')
    expect(goG(9.9328e-5)).toBe('9.9328e-05')
    expect(goG(0.0144329)).toBe('0.0144329')
    expect(goG(231)).toBe('231')
    expect(goG(0)).toBe('0')
    expect(goG(1234567)).toBe('1.234567e+06')
    expect(goG(99.9)).toBe('99.9')
    expect(goG(-0.5)).toBe('-0.5')
  })

  it('%.Ng: rounds to N significant digits and drops trailing zeros', () => {
    expect(goGPrec(0.0056869, 8)).toBe('0.0056869')
    expect(goGPrec(0.0040001633333, 8)).toBe('0.0040001633')
    expect(goGPrec(0.00386912, 4)).toBe('0.003869')
    expect(goGPrec(5.94e-5, 4)).toBe('5.94e-05')
    expect(goGPrec(0.1137380001, 9)).toBe('0.113738')
    expect(goGPrec(0.00558601, 6)).toBe('0.00558601')
    expect(goGPrec(0.0143463200, 6)).toBe('0.0143463')
    expect(goGPrec(100000, 6)).toBe('100000')
    expect(goGPrec(1000000, 6)).toBe('1e+06')
    expect(goGPrec(334.1575, 5)).toBe('334.16')
    expect(goGPrec(123456.7, 6)).toBe('123457')
    expect(goGPrec(Infinity, 5)).toBe('+Inf')
  })

  it('%v of a float64 keeps plain digits up to 1e21; %.Nf is fixed', () => {
    expect(goV(530.8249545149174)).toBe('530.8249545149174')
    expect(goV(1e7)).toBe('10000000')
    expect(goV(0.00001)).toBe('1e-05')
    expect(goF(85, 1)).toBe('85.0')
    expect(goF(5.687, 3)).toBe('5.687')
    expect(goF(Infinity, 1)).toBe('+Inf')
  })
})

describe('Go durations', () => {
  it('String(): ms below a second, m and s above, as fortio prints "Ended after"', () => {
    expect(goDuration(59.8524)).toBe('59.8524ms')
    expect(goDuration(106.474079)).toBe('106.474079ms')
    expect(goDuration(60240.870773)).toBe('1m0.240870773s')
    expect(goDuration(600024.541595)).toBe('10m0.024541595s')
    expect(goDuration(3_600_000)).toBe('1h0m0s')
    expect(goDuration(5000)).toBe('5s')
    expect(goDuration(1004)).toBe('1.004s')
    expect(goDuration(0.5)).toBe('500µs')
    expect(goDuration(0.0005)).toBe('500ns')
    expect(goDuration(0)).toBe('0s')
  })

  it('ParseDuration accepts unit sequences and rejects bare numbers', () => {
    expect(parseGoDuration('5s')).toBe(5000)
    expect(parseGoDuration('1m30s')).toBe(90_000)
    expect(parseGoDuration('1.5h')).toBe(5_400_000)
    expect(parseGoDuration('300ms')).toBe(300)
    expect(parseGoDuration('0')).toBe(0)
    expect(parseGoDuration('10')).toBeUndefined()
    expect(parseGoDuration('abc')).toBeUndefined()
  })
})
