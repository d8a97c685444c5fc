// Tests for the pod-template-hash.
import { describe, expect, it } from 'vitest'
import { canonicalJson, equalIgnoreHash, podTemplateHash, safeEncode } from './pod-template-hash'

const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } })

describe('podTemplateHash', () => {
  it('is ten safe characters and the same for the same template', () => {
    const h = podTemplateHash(template('nginx:1.25'))
    expect(h).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{10}$/)
    expect(podTemplateHash(template('nginx:1.25'))).toBe(h)
    expect(podTemplateHash(template('nginx:1.26'))).not.toBe(h)
  })

  it('ignores key order and the pod-template-hash label', () => {
    const a = { spec: { containers: [{ image: 'x', name: 'c' }] }, metadata: { labels: { app: 'web' } } }
    const b = { metadata: { labels: { 'pod-template-hash': 'zzz', app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } }
    expect(podTemplateHash(a)).toBe(podTemplateHash(b))
    expect(equalIgnoreHash(a, b)).toBe(true)
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}')
  })

  it('changes with the collision count', () => {
    expect(podTemplateHash(template('x'), 1)).not.toBe(podTemplateHash(template('x')))
  })

  it('maps digits as apimachinery does', () => {
    expect(safeEncode('0123456789')).toBe('456789bcdf')
  })
})
