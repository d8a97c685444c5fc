// Decision traces are built only while someone listens; requests answer the same either way.
import { afterEach, describe, expect, it } from 'vitest'
import { sampleFiles } from '../../cli'
import { createSimSession, type SimSession } from '../../sim/session'
import type { DecisionTrace } from '../../telemetry/decision-trace'
import type { MeshRequest, Origin } from './types'

let session: SimSession | undefined
afterEach(() => session?.dispose())

const req: MeshRequest = { method: 'GET', scheme: 'http', authority: 'httpbin:8000', path: '/get', headers: [], body: '', dstIp: '10.96.0.1', dstPort: 8000 }
const origin: Origin = { kind: 'host', ip: '172.18.0.1' }

describe('decision traces on demand', () => {
  it('gives no recorder while nobody listens, and one per request once a listener subscribes', () => {
    session = createSimSession({ seed: 1, files: sampleFiles(`${import.meta.dirname}/../../../content/samples`) })
    const net = session.network
    expect(net.startTrace(origin, req)).toBeUndefined()
    const traces: DecisionTrace[] = []
    const off = net.onTrace((t) => traces.push(t))
    const recorder = net.startTrace(origin, req)
    expect(recorder).toBeDefined()
    const trace = net.finishTrace(recorder, { kind: 'failure', curlExitCode: 7, message: 'refused' })
    expect(traces).toEqual([trace])
    expect(trace).toMatchObject({ from: 'outside', request: { method: 'GET', authority: 'httpbin:8000', path: '/get' }, outcome: { status: 0, curlExit: 7 } })
    off()
    expect(net.startTrace(origin, req)).toBeUndefined()
  })

  it('curl prints the same with and without a trace listener', async () => {
    const script = `istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl exec deploy/sleep -c sleep -- curl -s -v http://httpbin:8000/status/418`
    const outputs: string[] = []
    for (const listen of [false, true]) {
      session?.dispose()
      session = createSimSession({ seed: 3, files: sampleFiles(`${import.meta.dirname}/../../../content/samples`) })
      const traces: DecisionTrace[] = []
      if (listen) session.network.onTrace((t) => traces.push(t))
      const results = await session.run(script)
      outputs.push(results.map((r) => r.stdout + r.stderr).join('\n'))
      if (listen) expect(traces.length).toBeGreaterThan(0)
    }
    expect(outputs[1]).toBe(outputs[0])
    expect(outputs[0]).toContain('418')
  })
})
