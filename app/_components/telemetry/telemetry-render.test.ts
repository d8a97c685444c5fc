// The telemetry tab's SVG pieces rendered to markup: axes, legend, text alternatives, bars and marks, waterfall rows.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { LoadTestResult, TraceView } from '@/lab-engine/drivers/cluster-driver'
import { formatRate } from './chart-scale'
import { LineChart } from './line-chart'
import { LoadTestChart } from './load-test-chart'
import { TraceList } from './trace-list'
import { TraceWaterfall } from './trace-waterfall'

const RESULT: LoadTestResult = {
  url: 'http://httpbin:8000/get', startMs: 0, elapsedMs: 1000, requestedQps: 'max', actualQps: 30, threads: 3, calls: 30,
  minMs: 0.8, avgMs: 3, maxMs: 12, stdDevMs: 1,
  buckets: [{ startMs: 0.8, endMs: 1, percent: 10, count: 3 }, { startMs: 1, endMs: 2, percent: 70, count: 18 }, { startMs: 10, endMs: 12, percent: 100, count: 9 }],
  percentiles: [{ percentile: 50, ms: 1.6 }, { percentile: 90, ms: 11.3 }, { percentile: 99, ms: 11.9 }],
  codes: { 200: 27, 503: 3 },
}

const TRACE: TraceView = {
  traceId: 'a'.repeat(32), rootService: 'sleep.default', rootOperation: 'httpbin.default.svc.cluster.local:8000/*', startMs: 0, durationMs: 10,
  status: 'error', statusCode: 503, spanCount: 2,
  spans: [
    { spanId: '1', service: 'sleep.default', operation: 'httpbin.default.svc.cluster.local:8000/*', kind: 'client', startOffsetMs: 0, durationMs: 10, tags: { 'http.status_code': '503', error: 'true', response_flags: 'UO' } },
    { spanId: '2', parentSpanId: '1', service: 'httpbin.default', operation: 'httpbin.default.svc.cluster.local:8000/*', kind: 'server', startOffsetMs: 1, durationMs: 8, tags: { 'http.status_code': '200' } },
  ],
}

describe('LineChart', () => {
  const props = { title: 'Request rate', unit: 'req/s', times: [0, 15_000, 30_000], startMs: 0, endMs: 30_000, format: formatRate }
  it('draws axes with units, a legend, the line with its gap, and says the latest and peak values in words', () => {
    const html = renderToStaticMarkup(createElement(LineChart, { ...props, showTable: false, lines: [{ name: 'requests', stroke: 's', swatch: 'w', values: [2, null, 4] }] }))
    expect(html).toContain('role="img"')
    expect(html).toContain('>req/s</text>')
    expect(html).toContain('>now</text>')
    expect(html).toContain('M40,')
    expect((html.match(/M/g) ?? []).length).toBeGreaterThanOrEqual(2)
    expect(html).toContain('requests: latest 4 req/s, peak 4 req/s')
    expect(html).not.toContain('<table')
  })

  it('shows the data as a table on request, and says when there is none', () => {
    const html = renderToStaticMarkup(createElement(LineChart, { ...props, showTable: true, lines: [{ name: 'requests', stroke: 's', swatch: 'w', values: [null, null, null] }] }))
    expect(html).toContain('<table')
    expect(html).toContain('No requests in this window')
    expect(html).toContain('requests: no data')
  })
})

describe('LoadTestChart', () => {
  it('draws a bar per bucket and p50/p90/p99 marks, with codes and a text alternative', () => {
    const html = renderToStaticMarkup(createElement(LoadTestChart, { result: RESULT, showTable: false }))
    expect((html.match(/<rect /g) ?? []).length).toBe(3)
    expect(html).toContain('p50 1.6 ms')
    expect(html).toContain('p99 11.9 ms')
    expect(html).toContain('503 × 3')
    expect(html).toContain('30 calls in 3 latency buckets from 800 µs to 12 ms.')
  })
})

describe('traces', () => {
  it('lists a failed trace as an error and draws its spans as waterfall rows, indented', () => {
    const list = renderToStaticMarkup(createElement(TraceList, { traces: [TRACE], onSelect: () => {} }))
    expect(list).toContain('error 503')
    expect(list).toContain('border-red-600')
    const fall = renderToStaticMarkup(createElement(TraceWaterfall, { trace: TRACE }))
    expect((fall.match(/aria-expanded/g) ?? []).length).toBe(2)
    expect(fall).toContain('padding-left:0.75rem')
    expect(fall).toContain('left:10%;width:80%')
  })
})
