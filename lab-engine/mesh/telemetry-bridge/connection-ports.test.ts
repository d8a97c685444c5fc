import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import type { HopRecord } from '../data/hop'
import { ephemeralPortFor, inboundRecord, outboundRecord } from './hop-access-log'

const pod = (name: string, ip: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` }, status: { podIP: ip } }) as KubeObject

describe('connection ports of a hop', () => {
  it('are the hashes of the connection key with each role prefix, on both lines', () => {
    const hop: HopRecord = {
      startMs: 1_767_225_600_123.5, endMs: 1_767_225_600_130, source: pod('sleep', '10.244.0.5'), destination: pod('httpbin', '10.244.0.9'),
      destinationService: 'httpbin.default.svc.cluster.local', cluster: 'outbound|8000||httpbin.default.svc.cluster.local', upstreamHost: '10.244.0.9:8080',
      request: { method: 'GET', scheme: 'http', authority: 'httpbin:8000', path: '/get', headers: [['x-request-id', 'abc']], body: '', dstIp: '10.244.0.9', dstPort: 8080 },
      status: 200, flags: [], mtls: true, reporters: { source: true, destination: true }, requestBytes: 0, responseBytes: 10,
    }
    const key = `abc|uid-sleep|${hop.startMs}`
    const out = outboundRecord(hop, '10.96.0.10:8000')
    const inn = inboundRecord(hop)
    expect(out.upstreamLocalAddress).toBe(`10.244.0.5:${ephemeralPortFor(`up|${key}|10.244.0.9:8080`)}`)
    expect(out.downstreamRemoteAddress).toBe(`10.244.0.5:${ephemeralPortFor(`down|${key}`)}`)
    expect(inn.upstreamLocalAddress).toBe(`127.0.0.6:${ephemeralPortFor(`in|${key}`)}`)
    expect(inn.downstreamRemoteAddress).toBe(out.upstreamLocalAddress)
    expect(inn.requestedServerName).toBe('outbound_.8000_._.httpbin.default.svc.cluster.local')
  })
})
