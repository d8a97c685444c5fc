'use client'
// The side panel for a clicked node or edge: its routes, subsets and policies, as titled definition lists.
import type { Details } from './details'

export function SidePanel({ details, onClose }: { details: Details; onClose(): void }) {
  return (
    <aside aria-label="Selection details" className="absolute inset-y-0 right-0 z-10 w-80 max-w-full overflow-y-auto border-l border-slate-200 bg-white p-4 text-sm shadow-lg dark:border-slate-800 dark:bg-slate-900">
      <div className="mb-3 flex items-start justify-between gap-2">
        <h3 className="font-semibold break-words">{details.heading}</h3>
        <button type="button" onClick={onClose} className="rounded px-2 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800" aria-label="Close details">
          ×
        </button>
      </div>
      {details.sections.map((s, i) => (
        <section key={`${s.title}-${i}`} className="mb-4">
          <h4 className="mb-1 text-xs font-semibold tracking-wide break-all text-slate-600 uppercase dark:text-slate-400">{s.title}</h4>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {s.rows.map(([label, value], j) => (
              <div key={j} className="contents">
                <dt className="font-mono text-xs text-slate-600 dark:text-slate-300">{label}</dt>
                <dd className="break-words">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </aside>
  )
}
