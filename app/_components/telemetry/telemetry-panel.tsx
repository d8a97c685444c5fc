'use client'
// TelemetryPanel: the workbench's telemetry tab -- per-service rate, errors and latency charts (Grafana), the last fortio histogram, recent traces and a waterfall (Jaeger).
//
// Everything is fetched from /api/lab-sessions/:id/telemetry/* and refreshed
// every few seconds while the tab is on screen. The workbench shows this tab
// only where the driver's capabilities say it has telemetry.
import { useEffect, useRef, useState } from 'react'
import type { ServiceSeries } from '@/app/api/lab-sessions/[id]/telemetry/series-queries'
import type { WindowName } from '@/app/api/lab-sessions/[id]/telemetry/telemetry-input'
import type { LoadTestResult, TraceView } from '@/lab-engine/drivers/cluster-driver'
import { formatMs, formatPercent, formatRate } from './chart-scale'
import { LineChart } from './line-chart'
import { LoadTestChart } from './load-test-chart'
import { TraceList } from './trace-list'
import { TraceWaterfall } from './trace-waterfall'
import { POLL_MS, useOnScreen, usePolled } from './use-polled'

interface SeriesAnswer { window: WindowName; startMs: number; endMs: number; stepMs: number; services: string[]; series: ServiceSeries[] }

const WINDOW_CHOICES: { value: WindowName; label: string }[] = [
  { value: 'session', label: 'This session' }, { value: '5m', label: 'Last 5 minutes' }, { value: '15m', label: 'Last 15 minutes' },
  { value: '30m', label: 'Last 30 minutes' }, { value: '1h', label: 'Last hour' },
]
const TRACE_LIMIT = 20

export function TelemetryPanel({ sessionId }: { sessionId: string }) {
  const root = useRef<HTMLElement>(null)
  const visible = useOnScreen(root)
  const [service, setService] = useState('')
  const [timeWindow, setTimeWindow] = useState<WindowName>('session')
  const [tables, setTables] = useState(false)
  const [onlyService, setOnlyService] = useState(false)
  const [trace, setTrace] = useState<TraceView | null>(null)
  const base = `/api/lab-sessions/${encodeURIComponent(sessionId)}/telemetry`
  const series = usePolled<SeriesAnswer>(`${base}/series?window=${timeWindow}${service ? `&service=${encodeURIComponent(service)}` : ''}`, visible)
  const traces = usePolled<{ traces: TraceView[] }>(`${base}/traces?limit=${TRACE_LIMIT}${onlyService && service ? `&service=${encodeURIComponent(service)}` : ''}`, visible)
  const load = usePolled<{ loadTest: LoadTestResult | null }>(`${base}/load-test`, visible)

  // Start on the busiest service, as Grafana's service dashboard starts on the first one.
  const busiest = series.data?.services[0]
  useEffect(() => { if (!service && busiest) setService(busiest) }, [service, busiest])
  const services = series.data ? (service && !series.data.services.includes(service) ? [service, ...series.data.services] : series.data.services) : []
  const shown = series.data?.series.find((s) => s.service === service)

  return (
    <section ref={root} aria-label="Telemetry" className="flex h-full min-h-[420px] flex-col overflow-auto">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
        <label className="flex items-center gap-1">
          Service
          <select className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900" value={service} onChange={(e) => setService(e.target.value)} disabled={services.length === 0}>
            {services.length === 0 && <option value="">No traffic yet</option>}
            {services.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Time
          <select className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900" value={timeWindow} onChange={(e) => setTimeWindow(e.target.value as WindowName)}>
            {WINDOW_CHOICES.map((w) => <option key={w.value} value={w.value}>{w.label}</option>)}
          </select>
        </label>
        <button type="button" className="btn-secondary px-2 py-1 text-xs" aria-pressed={tables} onClick={() => setTables((v) => !v)}>
          {tables ? 'Hide data tables' : 'Show data as tables'}
        </button>
        <span role="status" className="ml-auto text-xs text-slate-600 dark:text-slate-400">
          {series.error ? <span className="text-red-700 dark:text-red-400">{series.error}</span> : series.loading ? 'Loading telemetry…' : `Refreshes every ${POLL_MS / 1000} s`}
        </span>
      </div>
      <div className="flex flex-col gap-4 p-3">
        <Charts answer={series.data} shown={shown} tables={tables} />
        <section aria-labelledby="telemetry-load">
          <h3 id="telemetry-load" className="mb-1 text-sm font-semibold">Load test</h3>
          {load.data?.loadTest
            ? <LoadTestChart result={load.data.loadTest} showTable={tables} />
            : <p className="text-sm text-slate-600 dark:text-slate-400">{load.error ?? <>No fortio run yet. Run <code className="font-mono">fortio load</code> in a pod (for example <code className="font-mono">kubectl exec deploy/fortio-deploy -c fortio -- fortio load -c 3 -qps 0 -n 30 http://httpbin:8000/get</code>) to see its latency histogram.</>}</p>}
        </section>
        <section aria-labelledby="telemetry-traces" className="grid gap-3 lg:grid-cols-[minmax(16rem,2fr)_3fr]">
          <div className="min-w-0">
            <div className="mb-1 flex flex-wrap items-center gap-2">
              <h3 id="telemetry-traces" className="text-sm font-semibold">Traces</h3>
              <label className="flex items-center gap-1 text-xs">
                <input type="checkbox" checked={onlyService} onChange={(e) => setOnlyService(e.target.checked)} disabled={!service} />
                Only through {service || 'the selected service'}
              </label>
            </div>
            {traces.error && <p className="text-xs text-red-700 dark:text-red-400">{traces.error}</p>}
            {traces.data && <TraceList traces={traces.data.traces} selectedId={trace?.traceId} onSelect={setTrace} />}
          </div>
          <div className="min-w-0">
            {trace ? <TraceWaterfall trace={trace} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Select a trace to see its spans as a waterfall.</p>}
          </div>
        </section>
      </div>
    </section>
  )
}

function Charts({ answer, shown, tables }: { answer?: SeriesAnswer; shown?: ServiceSeries; tables: boolean }) {
  if (!answer) return null
  const points = shown?.points ?? []
  const times = points.map((p) => p.t)
  const common = { times, startMs: answer.startMs, endMs: answer.endMs, showTable: tables }
  return (
    <section aria-label={`Metrics for ${shown?.service ?? 'the selected service'}`} className="grid gap-3 [grid-template-columns:repeat(auto-fit,minmax(15rem,1fr))]">
      <LineChart {...common} title="Request rate" unit="req/s" format={formatRate}
        lines={[{ name: 'requests', stroke: 'stroke-sky-600 dark:stroke-sky-400', swatch: 'bg-sky-600 dark:bg-sky-400', values: points.map((p) => p.rps) }]} />
      <LineChart {...common} title="Errors (5xx share)" unit="%" axisFactor={100} format={formatPercent}
        lines={[{ name: '5xx', stroke: 'stroke-red-600 dark:stroke-red-400', swatch: 'bg-red-600 dark:bg-red-400', values: points.map((p) => p.errorRate) }]} />
      <LineChart {...common} title="Latency" unit="ms" format={formatMs}
        lines={[
          { name: 'p50', stroke: 'stroke-emerald-600 dark:stroke-emerald-400', swatch: 'bg-emerald-600 dark:bg-emerald-400', values: points.map((p) => p.p50) },
          { name: 'p90', stroke: 'stroke-amber-600 dark:stroke-amber-400', swatch: 'bg-amber-600 dark:bg-amber-400', values: points.map((p) => p.p90) },
          { name: 'p99', stroke: 'stroke-rose-600 dark:stroke-rose-400', swatch: 'bg-rose-600 dark:bg-rose-400', values: points.map((p) => p.p99) },
        ]} />
    </section>
  )
}
