'use client'
// TraceList: recent traces as Jaeger lists them (root service and operation, spans, duration, status), errors in red; one selectable.
import type { TraceView } from '@/lab-engine/drivers/cluster-driver'
import { formatMs } from './chart-scale'
import { shortService } from './span-tree'

interface Props {
  traces: readonly TraceView[]
  selectedId?: string
  onSelect(trace: TraceView): void
}

export function TraceList({ traces, selectedId, onSelect }: Props) {
  if (traces.length === 0) {
    return <p className="px-1 py-2 text-sm text-slate-600 dark:text-slate-400">No traces yet. Send a few requests (curl, the preview, or fortio) and they appear here.</p>
  }
  const longest = Math.max(...traces.map((t) => t.durationMs), 0.001)
  return (
    <ul aria-label="Recent traces" className="divide-y divide-slate-200 text-xs dark:divide-slate-800">
      {traces.map((t) => {
        const selected = t.traceId === selectedId
        const failed = t.status === 'error'
        return (
          <li key={t.traceId}>
            <button
              type="button"
              aria-pressed={selected}
              onClick={() => onSelect(t)}
              className={`grid w-full grid-cols-[1fr_auto] gap-x-2 px-2 py-1.5 text-left hover:bg-slate-50 dark:hover:bg-slate-900 ${selected ? 'bg-slate-100 dark:bg-slate-800' : ''} ${failed ? 'border-l-4 border-red-600 dark:border-red-400' : 'border-l-4 border-transparent'}`}
            >
              <span className="truncate font-medium">
                {shortService(t.rootService)}: {t.rootOperation}
              </span>
              <span className={failed ? 'font-semibold text-red-700 dark:text-red-400' : 'text-slate-600 dark:text-slate-400'}>
                {failed ? `error ${t.statusCode || 'no response'}` : t.statusCode}
              </span>
              <span className="flex items-center gap-2 text-slate-600 dark:text-slate-400">
                <span aria-hidden className="block h-1.5 rounded bg-slate-300 dark:bg-slate-600" style={{ width: `${Math.max(2, (t.durationMs / longest) * 100)}px` }} />
                {t.spanCount} spans · {formatMs(t.durationMs)} · {t.traceId.slice(0, 8)}
              </span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}
