'use client'
// LoadTestChart: the last `fortio load` run as fortio's latency histogram (SVG bars, p50/p90/p99 marks) with its qps, threads and codes.
import { useId } from 'react'
import type { LoadTestResult } from '@/lab-engine/drivers/cluster-driver'
import { formatMs } from './chart-scale'
import { histogramLayout, latencyX } from './histogram-layout'

const W = 560
const H = 190
const PAD = { left: 40, right: 10, top: 22, bottom: 34 }
const MARKS = [
  { p: 50, className: 'stroke-emerald-600 dark:stroke-emerald-400', text: 'fill-emerald-700 dark:fill-emerald-300' },
  { p: 90, className: 'stroke-amber-600 dark:stroke-amber-400', text: 'fill-amber-700 dark:fill-amber-300' },
  { p: 99, className: 'stroke-rose-600 dark:stroke-rose-400', text: 'fill-rose-700 dark:fill-rose-300' },
]

export function LoadTestChart({ result, showTable }: { result: LoadTestResult; showTable: boolean }) {
  const titleId = useId()
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const layout = histogramLayout(result.buckets, plotW, plotH)
  const pct = (p: number) => result.percentiles.find((q) => q.percentile === p)?.ms
  const codes = Object.entries(result.codes).sort(([a], [b]) => Number(a) - Number(b))
  const labelEvery = Math.max(1, Math.ceil(result.buckets.length / 8))
  return (
    <figure className="rounded-lg border border-slate-200 p-2 dark:border-slate-800">
      <figcaption id={titleId} className="text-sm font-medium">
        fortio latency histogram <span className="font-normal text-slate-600 dark:text-slate-400">· {result.url}</span>
      </figcaption>
      <dl className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-700 dark:text-slate-300">
        <div><dt className="inline">Calls: </dt><dd className="inline">{result.calls}</dd></div>
        <div><dt className="inline">QPS: </dt><dd className="inline">{result.actualQps.toFixed(1)} (asked {result.requestedQps})</dd></div>
        <div><dt className="inline">Connections: </dt><dd className="inline">{result.threads}</dd></div>
        <div><dt className="inline">Avg: </dt><dd className="inline">{formatMs(result.avgMs)}</dd></div>
        <div><dt className="inline">Codes: </dt><dd className="inline">{codes.map(([c, n]) => <span key={c} className={Number(c) >= 200 && Number(c) < 300 ? '' : 'font-semibold text-red-700 dark:text-red-400'}>{c === '-1' ? 'socket errors' : c} × {n} </span>)}</dd></div>
      </dl>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-1 w-full" role="img" aria-labelledby={titleId} aria-describedby={`${titleId}-d`}>
        <desc id={`${titleId}-d`}>
          {`${result.calls} calls in ${result.buckets.length} latency buckets from ${formatMs(result.minMs)} to ${formatMs(result.maxMs)}. `}
          {MARKS.map((m) => (pct(m.p) === undefined ? '' : `p${m.p} ${formatMs(pct(m.p)!)}. `)).join('')}
        </desc>
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          {layout.yTicks.map((t) => (
            <g key={t.value}>
              <line x1={0} x2={plotW} y1={t.y} y2={t.y} className="stroke-slate-200 dark:stroke-slate-800" />
              <text x={-4} y={t.y + 3} textAnchor="end" className="fill-slate-600 text-[9px] dark:fill-slate-400">{t.value}</text>
            </g>
          ))}
          {layout.bars.map((b, i) => (
            <g key={i}>
              <rect x={b.x} y={b.y} width={b.width} height={Math.max(0, b.height)} className="fill-sky-500 dark:fill-sky-400"><title>{`${b.label}: ${b.bucket.count} calls (${b.bucket.percent.toFixed(1)} % up to here)`}</title></rect>
              {i % labelEvery === 0 && (
                <text x={b.x + b.width / 2} y={plotH + 11} textAnchor="middle" className="fill-slate-600 text-[8px] dark:fill-slate-400">{formatMs(b.bucket.endMs)}</text>
              )}
            </g>
          ))}
          {MARKS.map((m, i) => {
            const ms = pct(m.p)
            if (ms === undefined) return null
            const x = latencyX(ms, result.buckets, layout.slot)
            return (
              <g key={m.p}>
                <line x1={x} x2={x} y1={-4} y2={plotH} strokeDasharray="3 2" strokeWidth={1.5} className={m.className} />
                <text x={x > plotW - 70 ? x - 3 : x + 3} y={-6 + i * 11} textAnchor={x > plotW - 70 ? 'end' : 'start'} className={`text-[9px] ${m.text}`}>{`p${m.p} ${formatMs(ms)}`}</text>
              </g>
            )
          })}
          <text x={plotW / 2} y={plotH + 26} textAnchor="middle" className="fill-slate-600 text-[9px] dark:fill-slate-400">latency (bucket upper bound)</text>
          <text x={-4} y={-10} textAnchor="end" className="fill-slate-600 text-[9px] dark:fill-slate-400">calls</text>
        </g>
      </svg>
      {showTable && (
        <div className="mt-2 max-h-48 overflow-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">fortio histogram: range, count and cumulative percentage</caption>
            <thead className="bg-slate-50 dark:bg-slate-900"><tr>{['Range', 'Calls', 'Cumulative'].map((h) => <th key={h} scope="col" className="px-2 py-1">{h}</th>)}</tr></thead>
            <tbody>
              {layout.bars.map((b, i) => <tr key={i}><td className="px-2 py-0.5">{b.label}</td><td className="px-2 py-0.5">{b.bucket.count}</td><td className="px-2 py-0.5">{b.bucket.percent.toFixed(2)} %</td></tr>)}
              {result.percentiles.map((q) => <tr key={`p${q.percentile}`}><td className="px-2 py-0.5">p{q.percentile}</td><td className="px-2 py-0.5" colSpan={2}>{formatMs(q.ms)}</td></tr>)}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  )
}
