import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import type { LbEndpoint, OutlierDetection } from '../control/types'
import { ClusterState, key } from './cluster-state'
import { Scheduler } from './scheduler'

function endpoint(address: string, health: LbEndpoint['health'] = 'HEALTHY'): LbEndpoint {
  return { address, port: 9080, health, labels: {}, locality: { region: '', zone: '', subzone: '' }, sidecar: true }
}

const OD: OutlierDetection = { consecutive5xxErrors: 2, intervalMs: 1000, baseEjectionTimeMs: 30_000, maxEjectionPercent: 100, minHealthPercent: 0 }

function state(): ClusterState {
  return new ClusterState(new Scheduler(Clock.virtual()), Rng.seeded(1))
}

describe('ClusterState.candidates (the healthy list kept per endpoint list while nothing is ejected)', () => {
  it('leaves out unhealthy endpoints and, while ejected, the ejected ones; they come back when the ejection ends', () => {
    const eps = [endpoint('10.0.0.1'), endpoint('10.0.0.2'), endpoint('10.0.0.3', 'UNHEALTHY')]
    const s = state()
    expect(s.candidates(eps, 0).map(key)).toEqual(['10.0.0.1:9080', '10.0.0.2:9080'])
    expect(s.observe(OD, eps[0]!, 503, 10, eps)).toBe(false)
    expect(s.observe(OD, eps[0]!, 503, 20, eps)).toBe(true)
    expect(s.candidates(eps, 21).map(key)).toEqual(['10.0.0.2:9080'])
    expect(s.candidates(eps, 20 + 30_000).map(key)).toEqual(['10.0.0.1:9080', '10.0.0.2:9080'])
  })

  it('answers as filtering every time would, over a long run of responses and clock times', () => {
    const eps = Array.from({ length: 6 }, (_, i) => endpoint(`10.0.1.${i}`, i === 5 ? 'UNHEALTHY' : 'HEALTHY'))
    const s = state()
    let ejections = 0
    const rng = Rng.seeded('cluster-state')
    let now = 0
    for (let i = 0; i < 5_000; i++) {
      now += rng.next() * 200
      const e = eps[rng.int(eps.length)]!
      if (s.observe(OD, e, rng.next() < 0.4 ? 503 : 200, now, eps)) ejections++
      const naive = eps.filter((x) => x.health === 'HEALTHY').filter((x) => !s.ejectedCount([x], now))
      expect(s.candidates(eps, now)).toEqual(naive)
    }
    // The run did eject hosts, so both branches were taken.
    expect(ejections).toBeGreaterThan(0)
  })

  it('pick skips hosts a retry already tried, and uses the whole list when it has tried them all', () => {
    const eps = [endpoint('10.0.0.1'), endpoint('10.0.0.2')]
    const s = state()
    const rr = { kind: 'simple', simple: 'ROUND_ROBIN' } as const
    expect(key(s.pick(rr, eps, new Set(['10.0.0.1:9080']))!)).toBe('10.0.0.2:9080')
    expect(s.pick(rr, eps, new Set(['10.0.0.1:9080', '10.0.0.2:9080']))).toBeDefined()
    expect([key(s.pick(rr, eps, new Set())!), key(s.pick(rr, eps, new Set())!)].sort()).toEqual(['10.0.0.1:9080', '10.0.0.2:9080'])
  })
})
