import { describe, expect, it } from 'vitest'
import { durationMs, exportedTo, fqdn, hostMatches, hostsIntersect, splitNamespacedHost } from './hosts'

describe('hosts', () => {
  it('expands short names in the rule namespace and keeps dotted names', () => {
    expect(fqdn('reviews', 'prod')).toBe('reviews.prod.svc.cluster.local')
    expect(fqdn('Reviews.default', 'prod')).toBe('reviews.default')
    expect(fqdn('*.example.com', 'prod')).toBe('*.example.com')
  })

  it('matches wildcards by suffix only', () => {
    expect(hostMatches('*.example.com', 'api.example.com')).toBe(true)
    expect(hostMatches('*.example.com', 'example.com')).toBe(false)
    expect(hostMatches('*', 'anything.org')).toBe(true)
    expect(hostsIntersect('*.com', '*.example.com')).toBe(true)
    expect(hostsIntersect('a.example.com', 'b.example.com')).toBe(false)
  })

  it('applies exportTo: ".", "*", named namespaces and defaults', () => {
    expect(exportedTo(['.'], ['*'], 'a', 'a')).toBe(true)
    expect(exportedTo(['.'], ['*'], 'a', 'b')).toBe(false)
    expect(exportedTo(['b', 'c'], ['*'], 'a', 'c')).toBe(true)
    expect(exportedTo(undefined, ['.'], 'a', 'b')).toBe(false)
    expect(exportedTo(['~'], ['*'], 'a', 'a')).toBe(false)
  })

  it('splits namespace/host entries', () => {
    expect(splitNamespacedHost('./*', 'web')).toEqual({ namespace: 'web', host: '*' })
    expect(splitNamespacedHost('istio-system/*', 'web')).toEqual({ namespace: 'istio-system', host: '*' })
    expect(splitNamespacedHost('bookinfo.com', 'web')).toEqual({ namespace: '*', host: 'bookinfo.com' })
  })

  it('reads protobuf durations', () => {
    expect(durationMs('0.5s')).toBe(500)
    expect(durationMs('2m')).toBe(120_000)
    expect(durationMs('250ms')).toBe(250)
    expect(durationMs('ten')).toBeUndefined()
  })
})
