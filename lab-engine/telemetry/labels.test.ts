import { describe, expect, it } from 'vitest'
import { escapeLabelValue, formatLabelSet, formatSampleValue, labelsKey, normalizeLabels, onlyLabels, withoutLabels } from './labels'

describe('label sets', () => {
  it('labelsKey ignores name order and empty values', () => {
    expect(labelsKey({ b: '2', a: '1' })).toBe(labelsKey({ a: '1', b: '2', c: '' }))
    expect(labelsKey({ a: '1' })).not.toBe(labelsKey({ a: '2' }))
    expect(labelsKey({ a: '1' })).not.toBe(labelsKey({ b: '1' }))
  })

  it('normalizeLabels sorts names and drops empty values', () => {
    expect(Object.entries(normalizeLabels({ z: '1', a: '', m: '2' }))).toEqual([
      ['m', '2'],
      ['z', '1'],
    ])
  })

  it('onlyLabels and withoutLabels', () => {
    const l = { a: '1', b: '2', c: '3' }
    expect(onlyLabels(l, ['a', 'c', 'x'])).toEqual({ a: '1', c: '3' })
    expect(withoutLabels(l, ['a'])).toEqual({ b: '2', c: '3' })
  })

  it('formats label sets for the exposition format, escaping values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd')
    expect(formatLabelSet({ __name__: 'x', b: '2', a: '1' })).toBe('{a="1",b="2"}')
    expect(formatLabelSet({ b: '2', a: '1' }, ['b', 'a'])).toBe('{b="2",a="1"}')
    expect(formatLabelSet({})).toBe('')
  })
})

describe('formatSampleValue', () => {
  it('prints like Go FormatFloat(v, \'f\', -1, 64) and Prometheus special values', () => {
    expect(formatSampleValue(3)).toBe('3')
    expect(formatSampleValue(0.25)).toBe('0.25')
    expect(formatSampleValue(1e-7)).toBe('0.0000001')
    expect(formatSampleValue(Infinity)).toBe('+Inf')
    expect(formatSampleValue(-Infinity)).toBe('-Inf')
    expect(formatSampleValue(NaN)).toBe('NaN')
  })
})
