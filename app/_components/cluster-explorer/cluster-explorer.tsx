'use client'
// ClusterExplorer: what the Kubernetes Dashboard gives -- pick a kind and namespace, read `kubectl get`-like rows live, open one as YAML.
//
// Wrap it in SessionEventsProvider (the workbench page does): rows re-list after
// matching `resource` events and after gaps. The YAML view is read-only; editing is
// the editor tab's job.
import { useState } from 'react'
import type { ObjectRow } from '@/app/api/lab-sessions/[id]/objects/object-rows'
import { explorerKind, KIND_GROUPS, type Selection } from './explorer-kinds'
import { useObjectTable, useObjectYaml, type YamlState } from './use-explorer-data'

function Containers({ row }: { row: ObjectRow }) {
  if (!row.containers?.length) return null
  return (
    <ul className="mt-1 flex flex-wrap gap-1" aria-label={`Containers of ${row.name}`}>
      {row.containers.map((c) => (
        <li key={c.name} title={`${c.image} — ${c.state}, ${c.restarts} restarts`}
          className={`rounded border px-1.5 text-[11px] ${c.ready ? 'border-emerald-300 text-emerald-800 dark:border-emerald-800 dark:text-emerald-300' : 'border-amber-300 text-amber-800 dark:border-amber-700 dark:text-amber-300'}`}>
          {c.name}{c.sidecar ? ' (sidecar)' : ''}: {c.state}
        </li>
      ))}
    </ul>
  )
}

function YamlView({ state, selection, onClose }: { state: YamlState; selection: Selection; onClose(): void }) {
  const title = `${selection.kind} ${selection.namespace ? `${selection.namespace}/` : ''}${selection.name}`
  return (
    <section aria-label={`YAML of ${title}`} className="flex min-h-0 min-w-0 flex-col border-t border-slate-200 lg:w-1/2 lg:border-t-0 lg:border-l dark:border-slate-800">
      <div className="flex items-center justify-between px-3 py-2 text-sm">
        <h3 className="font-semibold">{title}</h3>
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={onClose}>Close</button>
      </div>
      {state.status === 'deleted' && <p role="status" className="px-3 text-sm text-amber-700 dark:text-amber-400">This object was deleted.</p>}
      {state.status === 'error' && <p role="alert" className="px-3 text-sm text-red-700 dark:text-red-400">{state.message}</p>}
      {state.status === 'loading' && <p className="px-3 text-sm text-slate-600 dark:text-slate-400">Loading…</p>}
      {(state.status === 'ready' || state.status === 'deleted') && (
        <pre tabIndex={0} className="min-h-0 flex-1 overflow-auto bg-slate-50 p-3 font-mono text-xs leading-5 dark:bg-slate-900">{state.yaml}</pre>
      )}
    </section>
  )
}

export function ClusterExplorer({ sessionId }: { sessionId: string }) {
  const [kindName, setKindName] = useState('Pod')
  const [namespace, setNamespace] = useState('default')
  const [selection, setSelection] = useState<Selection | null>(null)
  const kind = explorerKind(kindName)
  const { table, error } = useObjectTable(sessionId, kind, namespace)
  const { table: namespaces } = useObjectTable(sessionId, explorerKind('Namespace'), '')
  const yaml = useObjectYaml(sessionId, kind, selection)

  return (
    <section aria-label="Cluster explorer" className="flex h-full min-h-[420px] min-w-0 flex-col text-sm">
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Kind
          <select className="input py-1" value={kindName} onChange={(e) => { setKindName(e.target.value); setSelection(null) }}>
            {KIND_GROUPS.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.kinds.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium">
          Namespace
          <select className="input py-1" value={namespace} disabled={!kind.namespaced} onChange={(e) => { setNamespace(e.target.value); setSelection(null) }}>
            <option value="">All namespaces</option>
            {(namespaces?.rows ?? []).map((r) => <option key={r.name} value={r.name}>{r.name}</option>)}
          </select>
        </label>
        <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
          {error ? <span className="text-red-700 dark:text-red-400">{error}</span> : table ? `${table.rows.length} ${kind.label.toLowerCase()}${table.truncated ? ` (and ${table.truncated} more)` : ''}` : 'Loading…'}
        </span>
      </div>
      <div className="flex min-h-0 min-w-0 flex-1 flex-col lg:flex-row">
        <div className="min-h-0 min-w-0 flex-1 overflow-auto">
          <ObjectRows table={table} namespaced={kind.namespaced && namespace === ''} selection={selection} onOpen={(row) => setSelection({ kind: kind.kind, name: row.name, ...(row.namespace ? { namespace: row.namespace } : {}) })} />
        </div>
        {selection && <YamlView state={yaml} selection={selection} onClose={() => setSelection(null)} />}
      </div>
    </section>
  )
}

interface RowsProps {
  table: ReturnType<typeof useObjectTable>['table']
  /** Show a NAMESPACE column (all namespaces). */
  namespaced: boolean
  selection: Selection | null
  onOpen(row: ObjectRow): void
}

function ObjectRows({ table, namespaced, selection, onOpen }: RowsProps) {
  if (!table) return null
  if (table.rows.length === 0) return <p className="p-3 text-slate-600 dark:text-slate-400">No resources found.</p>
  return (
    <table className="w-full text-left font-mono text-xs">
      <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
        <tr>{[...(namespaced ? ['NAMESPACE'] : []), ...table.columns].map((c) => <th key={c} scope="col" className="px-3 py-1.5 font-semibold">{c}</th>)}</tr>
      </thead>
      <tbody>
        {table.rows.map((row) => {
          const open = selection?.name === row.name && (selection.namespace ?? '') === (row.namespace ?? '')
          return (
            <tr key={`${row.namespace ?? ''}/${row.name}`} className={`border-t border-slate-100 align-top dark:border-slate-800 ${open ? 'bg-brand-50 dark:bg-slate-800' : 'hover:bg-slate-50 dark:hover:bg-slate-900'}`}>
              {namespaced && <td className="px-3 py-1.5">{row.namespace}</td>}
              <td className="px-3 py-1.5">
                <button type="button" className="text-left text-brand-700 underline dark:text-brand-100" aria-pressed={open} onClick={() => onOpen(row)}>{row.cells[0]}</button>
                <Containers row={row} />
              </td>
              {row.cells.slice(1).map((cell, i) => <td key={i} className="px-3 py-1.5 whitespace-nowrap">{cell}</td>)}
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
