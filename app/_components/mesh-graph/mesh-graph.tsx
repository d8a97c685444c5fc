'use client'
// MeshGraph: the workbench's live service graph -- topology from the server, traffic from `edges` events, a side panel and a table view.
//
// Wrap it in SessionEventsProvider (the workbench page does). Cytoscape is loaded
// lazily by CytoscapeCanvas, so pages without the graph never download it.
import { useEffect, useMemo, useState } from 'react'
import { CytoscapeCanvas } from './cytoscape-canvas'
import { detailsFor } from './details'
import { EdgeTable } from './edge-table'
import { FailedRequests } from './failed-requests'
import { edgeRows } from './graph-elements'
import { buildGraph } from './graph-model'
import type { Theme } from './graph-style'
import { SidePanel } from './side-panel'
import { useEdgeStats } from './use-edge-stats'
import { useTopology } from './use-topology'

function useTheme(): Theme {
  const [theme, setTheme] = useState<Theme>('light')
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    const apply = () => setTheme(media.matches ? 'dark' : 'light')
    apply()
    media.addEventListener('change', apply)
    return () => media.removeEventListener('change', apply)
  }, [])
  return theme
}

function Legend() {
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400">
      ▲ service · ● workload · ◆ gateway · dashed: configured route · green: traffic · <span className="text-red-700 dark:text-red-400">red: errors</span> · “mTLS” on an edge: mutual TLS · double border: STRICT
    </p>
  )
}

export function MeshGraph({ sessionId }: { sessionId: string }) {
  const { topology, error, loading, reload } = useTopology(sessionId)
  const stats = useEdgeStats()
  const theme = useTheme()
  const [showSystem, setShowSystem] = useState(false)
  const [showTable, setShowTable] = useState(false)
  const [selected, setSelected] = useState<string | null>(null)
  const [tidy, setTidy] = useState(0)

  const model = useMemo(() => (topology ? buildGraph(topology, stats, { showSystem }) : undefined), [topology, stats, showSystem])
  const rows = useMemo(() => (model ? edgeRows(model) : []), [model])
  const details = selected && model && topology ? detailsFor(selected, model, topology) : undefined

  return (
    <section aria-label="Mesh graph" className="flex h-full min-h-[420px] min-w-0 flex-col">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} />
          System namespaces
        </label>
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => setShowTable((v) => !v)} aria-expanded={showTable}>
          {showTable ? 'Hide table' : 'Show as table'}
        </button>
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => setTidy((n) => n + 1)} disabled={!model}>Tidy layout</button>
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={reload}>Refresh</button>
        <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
          {loading ? 'Loading the mesh…' : error ? <span className="text-red-700 dark:text-red-400">{error}</span> : topology?.truncated ? 'Large cluster: some objects are left out.' : ''}
        </span>
        <div className="ml-auto"><Legend /></div>
      </div>
      <div className="relative min-h-0 flex-1">
        {model && <CytoscapeCanvas model={model} theme={theme} selected={selected} onSelect={setSelected} tidy={tidy} />}
        {details && <SidePanel details={details} onClose={() => setSelected(null)} />}
      </div>
      {model && <EdgeTable rows={rows} visible={showTable} onSelect={setSelected} />}
      <FailedRequests sessionId={sessionId} />
    </section>
  )
}
