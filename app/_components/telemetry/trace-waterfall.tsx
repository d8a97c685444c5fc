'use client'
// TraceWaterfall: one row per span (indented under its parent) with its bar on the trace's time axis; a row opens its tags.
import { Fragment, useState } from 'react'
import type { TraceView } from '@/lab-engine/drivers/cluster-driver'
import { formatMs } from './chart-scale'
import { waterfallRows } from './span-tree'

/** Tags shown first in a span's detail: what explains a failure. */
const KEY_TAGS = ['http.status_code', 'response_flags', 'error', 'upstream_cluster', 'http.url', 'peer.address']

export function TraceWaterfall({ trace }: { trace: TraceView }) {
  const [open, setOpen] = useState<string | null>(null)
  const rows = waterfallRows(trace)
  const quarter = [0, 0.25, 0.5, 0.75, 1]
  return (
    <section aria-label={`Trace ${trace.traceId}`} className="text-xs">
      <header className="mb-1 flex flex-wrap items-baseline gap-x-3">
        <h4 className="text-sm font-medium">Trace {trace.traceId.slice(0, 16)}</h4>
        <span className="text-slate-600 dark:text-slate-400">{formatMs(trace.durationMs)} · {trace.spanCount} spans{trace.spanCount > trace.spans.length ? ` (${trace.spans.length} shown)` : ''}</span>
      </header>
      <div className="grid grid-cols-[minmax(10rem,40%)_1fr] items-center" aria-hidden>
        <span />
        <div className="relative h-4 text-[10px] text-slate-600 dark:text-slate-400">
          {quarter.map((q) => (
            <span key={q} className="absolute whitespace-nowrap" style={{ left: `${q * 100}%`, transform: q === 1 ? 'translateX(-100%)' : q > 0 ? 'translateX(-50%)' : undefined }}>{formatMs(trace.durationMs * q)}</span>
          ))}
        </div>
      </div>
      <ol className="divide-y divide-slate-100 dark:divide-slate-900">
        {rows.map((r) => (
          <Fragment key={r.span.spanId}>
            <li>
              <button
                type="button"
                aria-expanded={open === r.span.spanId}
                onClick={() => setOpen(open === r.span.spanId ? null : r.span.spanId)}
                className="grid w-full grid-cols-[minmax(10rem,40%)_1fr] items-center py-0.5 text-left hover:bg-slate-50 dark:hover:bg-slate-900"
              >
                <span className="truncate" style={{ paddingLeft: `${r.depth * 0.75}rem` }}>
                  <span className={r.error ? 'font-semibold text-red-700 dark:text-red-400' : 'font-medium'}>{r.span.service}</span>
                  <span className="text-slate-600 dark:text-slate-400"> {r.span.kind} {r.statusCode} · {formatMs(r.span.durationMs)}</span>
                  <span className="sr-only">, starts at {formatMs(r.span.startOffsetMs)}{r.error ? ', failed' : ''}</span>
                </span>
                <span className="relative block h-3">
                  <span
                    aria-hidden
                    className={`absolute top-0 h-3 rounded-sm ${r.error ? 'bg-red-500 dark:bg-red-400' : r.span.kind === 'client' ? 'bg-sky-500 dark:bg-sky-400' : 'bg-indigo-500 dark:bg-indigo-400'}`}
                    style={{ left: `${r.left * 100}%`, width: `${r.width * 100}%` }}
                  />
                </span>
              </button>
            </li>
            {open === r.span.spanId && (
              <li className="bg-slate-50 px-2 py-1 dark:bg-slate-900">
                <p className="mb-1 break-all font-mono">{r.span.operation}</p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 font-mono">
                  {sortedTags(r.span.tags).map(([k, v]) => (
                    <Fragment key={k}><dt className="text-slate-600 dark:text-slate-400">{k}</dt><dd className="break-all">{v}</dd></Fragment>
                  ))}
                </dl>
              </li>
            )}
          </Fragment>
        ))}
      </ol>
    </section>
  )
}

function sortedTags(tags: Readonly<Record<string, string>>): [string, string][] {
  const rank = (k: string) => (KEY_TAGS.includes(k) ? KEY_TAGS.indexOf(k) : KEY_TAGS.length)
  return Object.entries(tags).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
}
