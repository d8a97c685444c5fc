import { describe, expect, it } from 'vitest'
import { DecisionRecorder } from './decision-trace'

const head = { id: 'r1', startMs: 5, from: 'default/sleep', request: { method: 'GET', authority: 'reviews:9080', path: '/' } }

describe('DecisionRecorder', () => {
  it('finishes with the steps added so far and the outcome', () => {
    const rec = new DecisionRecorder(head)
    expect(rec.add({ kind: 'timeout', timeoutMs: 10, fired: false })).toBe(0)
    expect(rec.add({ kind: 'retry', attempt: 2, maxAttempts: 3, reason: 'upstream answered 503', retryOn: '5xx' })).toBe(1)
    const trace = rec.finish({ status: 200 })
    expect(trace).toMatchObject({ id: 'r1', startMs: 5, from: 'default/sleep', outcome: { status: 200 } })
    expect(trace.steps.map((s) => s.kind)).toEqual(['timeout', 'retry'])
  })

  it('is closed once finished: a thread the client stopped waiting for adds nothing to the trace', () => {
    const rec = new DecisionRecorder(head)
    rec.add({ kind: 'timeout', timeoutMs: 10, fired: true })
    const trace = rec.finish({ status: 504, responseFlags: ['UT'] })
    expect(rec.add({ kind: 'app', workload: 'reviews', namespace: 'default', status: 200 })).toBe(-1)
    expect(trace.steps).toHaveLength(1)
  })
})
