import { describe, expect, it } from 'vitest'
import type { Listener, ProxyConfig, RouteMatch } from '../control/types'
import { listenerFor, routeMatches } from './route-select'
import type { MeshRequest } from './types'

function listener(name: string, address: string, port: number, extra: Partial<Listener> = {}): Listener {
  return { name, address, port, trafficDirection: 'outbound', filterChains: [], ...extra }
}

function config(listeners: Listener[]): ProxyConfig {
  return { listeners } as unknown as ProxyConfig
}

const LISTENERS = [
  listener('10.96.0.10_53', '10.96.0.10', 53),
  listener('0.0.0.0_9080', '0.0.0.0', 9080),
  listener('10.96.1.1_9080', '10.96.1.1', 9080),
  listener('virtualOutbound', '0.0.0.0', 15001, { useOriginalDst: true }),
  listener('virtualInbound', '0.0.0.0', 15006, { useOriginalDst: true, trafficDirection: 'inbound' }),
  listener('0.0.0.0_15021', '0.0.0.0', 15021, { trafficDirection: 'inbound' }),
]

describe('listenerFor (remembered per compiled config)', () => {
  it('prefers the address-specific listener, then 0.0.0.0 on the port, then the original-destination catch-all', () => {
    const cfg = config(LISTENERS)
    for (let round = 0; round < 2; round++) {
      expect(listenerFor(cfg, '10.96.1.1', 9080)?.name).toBe('10.96.1.1_9080')
      expect(listenerFor(cfg, '10.96.2.2', 9080)?.name).toBe('0.0.0.0_9080')
      expect(listenerFor(cfg, '10.96.0.10', 53)?.name).toBe('10.96.0.10_53')
      expect(listenerFor(cfg, '10.96.0.10', 54)?.name).toBe('virtualOutbound')
      expect(listenerFor(cfg, '10.244.0.7', 15021, true)?.name).toBe('0.0.0.0_15021')
      expect(listenerFor(cfg, '10.244.0.7', 9080, true)?.name).toBe('virtualInbound')
    }
  })

  it('a new config (a new object after a change) is answered from its own listeners', () => {
    const before = config(LISTENERS)
    expect(listenerFor(before, '10.96.3.3', 8000)?.name).toBe('virtualOutbound')
    const after = config([listener('0.0.0.0_8000', '0.0.0.0', 8000), ...LISTENERS])
    expect(listenerFor(after, '10.96.3.3', 8000)?.name).toBe('0.0.0.0_8000')
    expect(listenerFor(before, '10.96.3.3', 8000)?.name).toBe('virtualOutbound')
  })
})

function request(path: string, headers: [string, string][] = []): MeshRequest {
  return { method: 'GET', scheme: 'http', authority: 'reviews:9080', path, headers, body: '', dstIp: '10.96.1.1', dstPort: 9080 }
}

function match(m: Partial<RouteMatch>): RouteMatch {
  return { path: { kind: 'prefix', value: '/' }, headers: [], queryParams: [], ...m }
}

describe('routeMatches', () => {
  it('matches query parameters only on routes that name them (Istio HTTPMatchRequest queryParams)', () => {
    const byQuery = match({ queryParams: [{ name: 'v', match: { kind: 'exact', value: '2' } }] })
    expect(routeMatches(byQuery, request('/reviews/0?v=2'))).toBe(true)
    expect(routeMatches(byQuery, request('/reviews/0?v=3'))).toBe(false)
    expect(routeMatches(byQuery, request('/reviews/0'))).toBe(false)
    expect(routeMatches(match({}), request('/reviews/0?v=3'))).toBe(true)
  })

  it('ANDs every header condition, with invert for withoutHeaders', () => {
    const jason = match({ headers: [{ name: 'end-user', match: { kind: 'exact', value: 'jason' } }, { name: 'x-debug', match: { kind: 'present' }, invert: true }] })
    expect(routeMatches(jason, request('/', [['end-user', 'jason']]))).toBe(true)
    expect(routeMatches(jason, request('/', [['end-user', 'jason'], ['x-debug', '1']]))).toBe(false)
    expect(routeMatches(jason, request('/', [['end-user', 'bob']]))).toBe(false)
  })
})
