// A `fortio load` run as data: counts, codes, buckets and percentiles agree with the printed report; aborted runs leave nothing.
import { describe, expect, it } from 'vitest'
import { fortioShell, run, START_MS } from './fake-mesh.test-util'
import { Histogram } from './histogram'
import { lastLoadTest, recordLoadTest, type LoadTestResult } from './load-result'

const URL = 'http://httpbin:8000/get'

describe('fortio load result', () => {
  it('holds the calls, codes, latency buckets and percentiles of the run, in ms', async () => {
    const fails = new Set([2, 5])
    const { shell, seen, results } = fortioShell((n) => (fails.has(n) ? { status: 503, delayMs: 1 } : { status: 200, delayMs: n % 2 ? 5 : 30 }))
    const r = await run(shell, `fortio load -c 2 -qps 0 -n 20 -loglevel Warning ${URL}`)
    expect(r.code).toBe(0)
    expect(results).toHaveLength(1)
    const got = results[0]!
    expect(got).toMatchObject({ url: URL, startMs: START_MS, requestedQps: 'max', threads: 2, calls: 20, minMs: 1, maxMs: 30, codes: { 200: 18, 503: 2 } })
    expect(got.buckets.reduce((n, b) => n + b.count, 0)).toBe(20)
    expect(got.buckets.at(-1)!.percent).toBe(100)
    // The same histogram fortio prints, scaled to ms.
    const h = new Histogram(0, 0.001)
    for (const s of seen) h.record(s.reply.delayMs / 1000)
    const p90 = got.percentiles.find((p) => p.percentile === 90)!
    expect(p90.ms).toBeCloseTo(h.percentile(90) * 1000, 6)
    expect(got.percentiles.map((p) => p.percentile)).toEqual([50, 75, 90, 99, 99.9])
    expect(r.stderr).toContain(`qps=`)
    expect(got.actualQps).toBeCloseTo(20 / (got.elapsedMs / 1000), 3)
  })

  it('always carries p50, p90 and p99, whatever -p asked; a -qps target is kept as a number', async () => {
    const { shell, results } = fortioShell(() => ({ status: 200, delayMs: 2 }))
    await run(shell, `fortio load -c 1 -qps 10 -n 4 -p 75 -loglevel Error ${URL}`)
    expect(results[0]!.percentiles.map((p) => p.percentile)).toEqual([50, 75, 90, 99])
    expect(results[0]!.requestedQps).toBe(10)
  })

  it('records nothing when the warmup aborts the run', async () => {
    const { shell, results } = fortioShell(() => ({ status: 503, delayMs: 1 }))
    const r = await run(shell, `fortio load -c 1 -t 1s ${URL}`)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Aborting because of error 503')
    expect(results).toEqual([])
  })

  it('keeps one last run per session object', () => {
    const a = {}
    const b = {}
    const result = { url: 'x', calls: 1 } as unknown as LoadTestResult
    expect(lastLoadTest(a)).toBeNull()
    recordLoadTest(a, result)
    expect(lastLoadTest(a)).toBe(result)
    expect(lastLoadTest(b)).toBeNull()
  })
})
