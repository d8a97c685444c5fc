import { describe, expect, it } from 'vitest'
import { EnvoyStats } from './envoy-stats'
import { MetricRegistry } from './metrics'
import { evaluatePromQL, vectorValues } from './promql'
import { Re2SyntaxError, compileRe2 } from './re2'

describe('compileRe2', () => {
  it('anchors label matchers and lets . match newlines', () => {
    const re = compileRe2('a.b', true)
    expect(re.test('a\nb')).toBe(true)
    expect(re.test('xa-b')).toBe(false)
  })

  it('maps a leading (?i) flag group', () => {
    expect(compileRe2('(?i)productpage.*', true).test('ProductPage-v1')).toBe(true)
    expect(compileRe2('productpage.*', true).test('ProductPage-v1')).toBe(false)
  })

  it('refuses what RE2 does not support: lookarounds and backreferences', () => {
    expect(() => compileRe2('(?=a)b', true)).toThrow(Re2SyntaxError)
    expect(() => compileRe2('(a)\\1', false)).toThrow(/invalid or unsupported Perl syntax/)
    expect(() => compileRe2('(', false)).toThrow(Re2SyntaxError)
  })
})

describe('RE2 in its users', () => {
  it('PromQL matchers accept (?i)', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    reg.define('c_total', 'counter', '')
    reg.inc('c_total', { app: 'ProductPage' }, 1_000)
    expect(vectorValues(evaluatePromQL(reg, 'c_total{app=~"(?i)productpage"}', 2_000))).toHaveLength(1)
    expect(() => evaluatePromQL(reg, 'c_total{app=~"(?!x)y"}', 2_000)).toThrow(/invalid regular expression/)
  })

  it('Envoy\'s ?filter= searches unanchored and answers 400 on bad syntax', () => {
    const stats = new EnvoyStats({ inclusion: 'all' })
    stats.inc('cluster.a.upstream_rq_total')
    expect(stats.handleAdmin('/stats?filter=(?i)UPSTREAM_RQ').body).toBe('cluster.a.upstream_rq_total: 1\n')
    expect(stats.handleAdmin('/stats?filter=(?<=a)b')).toEqual({ status: 400, body: 'Invalid re2 regex' })
  })
})
