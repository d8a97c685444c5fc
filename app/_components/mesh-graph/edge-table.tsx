'use client'
// The graph as a table: every edge with its split, traffic and mTLS, for screen readers (visually hidden until shown or focused).
import type { EdgeRow } from './graph-elements'

interface Props {
  rows: readonly EdgeRow[]
  visible: boolean
  onSelect(id: string): void
}

export function EdgeTable({ rows, visible, onSelect }: Props) {
  return (
    <div className={visible ? 'max-h-64 overflow-auto border-t border-slate-200 dark:border-slate-800' : 'sr-only focus-within:not-sr-only'}>
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Mesh graph edges: source, destination, configured split, traffic over the last 10 seconds, transport</caption>
        <thead className="bg-slate-50 dark:bg-slate-900">
          <tr>
            {['From', 'To', 'Split', 'Traffic', 'Transport', ''].map((h) => <th key={h} scope="col" className="px-2 py-1 font-semibold">{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={6} className="px-2 py-1">No edges yet.</td></tr>}
          {rows.map((r) => (
            <tr key={r.id} className={r.failing ? 'text-red-700 dark:text-red-400' : undefined}>
              <td className="px-2 py-1">{r.from}</td>
              <td className="px-2 py-1">{r.to}</td>
              <td className="px-2 py-1">{r.split || '—'}</td>
              <td className="px-2 py-1">{r.traffic}{r.failing ? ' (errors)' : ''}</td>
              <td className="px-2 py-1">{r.mtls || '—'}</td>
              <td className="px-2 py-1">
                <button type="button" className="underline" onClick={() => onSelect(r.id)}>Details<span className="sr-only"> for {r.from} to {r.to}</span></button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
