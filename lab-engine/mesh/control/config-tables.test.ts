import { describe, expect, it } from 'vitest'
import { clusterMatches, describeChainMatch, describeDomains, describeMatch } from './config-tables'
import { goTable } from './go-tabwriter'
import { retryOf } from './http-routes'

describe('istioctl table helpers', () => {
  it('shortens domains like describeRouteDomains: expanded forms and ports dropped, two shown', () => {
    expect(describeDomains(['reviews.default.svc.cluster.local', 'reviews', 'reviews.default.svc', 'reviews.default', '10.96.1.2'])).toBe('reviews, reviews.default + 1 more...')
    expect(describeDomains(['httpbin.example.com', 'httpbin.example.com:*'])).toBe('httpbin.example.com')
    expect(describeDomains(['*'])).toBe('*')
  })

  it('names chain matches as istioctl does', () => {
    expect(describeChainMatch({})).toBe('ALL')
    expect(describeChainMatch({ destinationPort: 15001 })).toBe('Addr: *:15001')
    expect(describeChainMatch({ transportProtocol: 'tls', applicationProtocols: ['istio-peer-exchange', 'istio'], destinationPort: 9080 })).toBe('Trans: tls; App: TCP TLS; Addr: *:9080')
    expect(describeChainMatch({ serverNames: ['a.com', 'b.com'] })).toBe('SNI: a.com,b.com')
  })

  it('shows path matches as prefix*, exact or regex', () => {
    const base = { headers: [], queryParams: [] }
    expect(describeMatch({ ...base, path: { kind: 'prefix', value: '/static' } })).toBe('/static*')
    expect(describeMatch({ ...base, path: { kind: 'exact', value: '/login' } })).toBe('/login')
    expect(describeMatch({ ...base, path: { kind: 'regex', value: '/v[12]' } })).toBe('regex /v[12]')
  })

  it('filters cluster names by substring, port between bars', () => {
    expect(clusterMatches('outbound|9080|v1|reviews.default.svc.cluster.local', { port: 9080, subset: 'v1' })).toBe(true)
    expect(clusterMatches('outbound|9080|v1|reviews.default.svc.cluster.local', { port: 908 })).toBe(false)
    expect(clusterMatches('BlackHoleCluster', { direction: 'outbound' })).toBe(false)
  })

  it('pads every cell but the last by the widest cell plus padding, keeping trailing pad before an empty last cell', () => {
    expect(goTable([['A', 'BB', 'C'], ['xyz', '', '']], 2)).toBe('A    BB  C\nxyz      \n')
  })
})

describe('retry policy', () => {
  it('is Istio default without retries, and VirtualService retryOn replaces it (codes become retriable-status-codes)', () => {
    expect(retryOf(undefined)).toEqual({ numRetries: 2, retryOn: ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes'], retriableStatusCodes: [503], previousHostsPredicate: true })
    expect(retryOf({ attempts: 0 }).numRetries).toBe(0)
    expect(retryOf({ attempts: 5, retryOn: '5xx,reset' })).toMatchObject({ numRetries: 5, retryOn: ['5xx', 'reset'], retriableStatusCodes: [] })
  })
})
