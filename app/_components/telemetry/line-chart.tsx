'use client'
// LineChart: one small SVG time chart (axes with units, a legend, gaps where there was no traffic) and its data as a table on request.
import { useId } from 'react'
import { linePath, linearScale, niceTicks, relativeTimeLabel, timeTicks } from './chart-scale'

export interface ChartLine {
  name: string
  /** Tailwind stroke and background classes for the line and its legend swatch (light and dark). */
  stroke: string
  swatch: string
  values: readonly (number | null)[]
}

interface Props {
  title: string
  /** Axis unit, e.g. "req/s", "ms", "%". */
  unit: string
  times: readonly number[]
  startMs: number
  endMs: number
  lines: readonly ChartLine[]
  format(v: number): string
  /** Axis top at least this (1 for a share). */
  minTop?: number
  /** Scales a value for the axis labels (e.g. 100 for a share shown in %). */
  axisFactor?: number
  showTable: boolean
}

// Drawn at about the size it is shown (a third of the tab), so 10 px text stays 10 px.
const W = 300
const H = 160
const PAD = { left: 40, right: 8, top: 16, bottom: 20 }

export function LineChart(p: Props) {
  const titleId = useId()
  const all = p.lines.flatMap((l) => l.values.filter((v): v is number => v !== null))
  const ticks = niceTicks(Math.max(p.minTop ?? 0, ...all, 0) * (p.axisFactor ?? 1)).map((t) => t / (p.axisFactor ?? 1))
  const x = linearScale([p.startMs, p.endMs], [PAD.left, W - PAD.right])
  const y = linearScale([0, ticks.at(-1)!], [H - PAD.bottom, PAD.top])
  const summary = summaryOf(p)
  return (
    <figure className="min-w-0 rounded-lg border border-slate-200 p-2 dark:border-slate-800">
      <figcaption id={titleId} className="flex flex-wrap items-baseline gap-x-3 text-sm font-medium">
        {p.title}
        <span className="flex gap-2 text-xs font-normal text-slate-600 dark:text-slate-400">
          {p.lines.map((l) => (
            <span key={l.name} className="flex items-center gap-1"><span aria-hidden className={`inline-block h-0.5 w-3 ${l.swatch}`} />{l.name}</span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="mt-1 w-full" role="img" aria-labelledby={titleId} aria-describedby={`${titleId}-d`}>
        <desc id={`${titleId}-d`}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="stroke-slate-200 dark:stroke-slate-800" strokeWidth={1} />
            <text x={PAD.left - 4} y={y(t) + 3} textAnchor="end" className="fill-slate-600 text-[10px] dark:fill-slate-400">{axisLabel(t * (p.axisFactor ?? 1))}</text>
          </g>
        ))}
        <text x={PAD.left - 4} y={PAD.top - 7} textAnchor="end" className="fill-slate-600 text-[10px] font-medium dark:fill-slate-400">{p.unit}</text>
        {timeTicks(p.startMs, p.endMs).map((t) => (
          <text key={t} x={x(t)} y={H - 6} textAnchor={t === p.endMs ? 'end' : 'middle'} className="fill-slate-600 text-[10px] dark:fill-slate-400">{relativeTimeLabel(t, p.endMs)}</text>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="stroke-slate-400 dark:stroke-slate-600" />
        {p.lines.map((l) => (
          <path key={l.name} d={linePath(p.times.map((t, i) => ({ x: x(t), y: l.values[i] === null || l.values[i] === undefined ? null : y(l.values[i]!) })))}
            fill="none" strokeWidth={1.75} strokeLinejoin="round" strokeLinecap="round" className={l.stroke} />
        ))}
        {all.length === 0 && <text x={W / 2} y={H / 2} textAnchor="middle" className="fill-slate-600 text-[11px] dark:fill-slate-400">No requests in this window</text>}
      </svg>
      {p.showTable && <DataTable {...p} />}
    </figure>
  )
}

/** What the chart says in words: the latest value of each line and its peak. */
function summaryOf(p: Props): string {
  const parts = p.lines.map((l) => {
    const vals = l.values.filter((v): v is number => v !== null)
    if (vals.length === 0) return `${l.name}: no data`
    return `${l.name}: latest ${p.format(vals.at(-1)!)}, peak ${p.format(Math.max(...vals))}`
  })
  return `${p.title} over the last ${relativeTimeLabel(p.startMs, p.endMs).slice(1)}. ${parts.join('; ')}.`
}

function DataTable(p: Props) {
  return (
    <div className="mt-2 max-h-48 overflow-auto">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">{p.title}, one row per step</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr><th scope="col" className="px-2 py-1">Time</th>{p.lines.map((l) => <th key={l.name} scope="col" className="px-2 py-1">{l.name}</th>)}</tr>
        </thead>
        <tbody>
          {p.times.map((t, i) => (
            <tr key={t}>
              <th scope="row" className="px-2 py-0.5 font-normal">{relativeTimeLabel(t, p.endMs)}</th>
              {p.lines.map((l) => <td key={l.name} className="px-2 py-0.5">{l.values[i] === null || l.values[i] === undefined ? '—' : p.format(l.values[i]!)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function axisLabel(v: number): string {
  if (v >= 1000) return `${Number((v / 1000).toFixed(1))}k`
  return String(Number(v.toPrecision(3)))
}
