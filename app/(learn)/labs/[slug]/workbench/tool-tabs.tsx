'use client'
// The workbench's tool tabs (WAI-ARIA tabs): each panel loads its code when first opened and stays mounted after.
import dynamic from 'next/dynamic'
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import type { SessionView } from '@/lab-engine/sessions/session-manager'

export type ToolTab = 'editor' | 'graph' | 'cluster' | 'telemetry' | 'preview'

/** A request from the shell (`kubectl edit`, `istioctl dashboard`, `kubectl port-forward`) to show a tab. */
export type ToolRequest =
  | { tab: 'editor'; file: { path: string; title: string; pendingEdit: boolean }; at: number }
  | { tab: 'preview'; url: string; at: number }
  | { tab: Exclude<ToolTab, 'editor' | 'preview'>; at: number }

const loading = (what: string) => function Loading() {
  return <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Loading the {what}…</p>
}
const ManifestEditor = dynamic(() => import('@/app/_components/editor').then((m) => m.ManifestEditor), { ssr: false, loading: loading('editor') })
const MeshGraph = dynamic(() => import('@/app/_components/mesh-graph').then((m) => m.MeshGraph), { ssr: false, loading: loading('mesh graph') })
const ClusterExplorer = dynamic(() => import('@/app/_components/cluster-explorer').then((m) => m.ClusterExplorer), { ssr: false, loading: loading('cluster explorer') })
const TelemetryPanel = dynamic(() => import('@/app/_components/telemetry').then((m) => m.TelemetryPanel), { ssr: false, loading: loading('telemetry') })
const BrowserPreview = dynamic(() => import('@/app/_components/browser-preview').then((m) => m.BrowserPreview), { ssr: false, loading: loading('preview') })

interface TabDef {
  id: ToolTab
  label: string
  /** Shown only when the driver can feed it. */
  available: (caps: SessionView['capabilities']) => boolean
  render: (session: SessionView, request: ToolRequest | null) => ReactNode
}

const TABS: TabDef[] = [
  {
    id: 'editor',
    label: 'Editor',
    available: () => true,
    render: (s, r) => <ManifestEditor sessionId={s.id} file={r?.tab === 'editor' ? { ...r.file, openedAt: r.at } : undefined} />,
  },
  { id: 'graph', label: 'Mesh graph', available: () => true, render: (s) => <MeshGraph sessionId={s.id} /> },
  { id: 'cluster', label: 'Cluster', available: () => true, render: (s) => <ClusterExplorer sessionId={s.id} /> },
  { id: 'telemetry', label: 'Telemetry', available: (c) => c?.telemetry === true, render: (s) => <TelemetryPanel sessionId={s.id} /> },
  {
    id: 'preview',
    label: 'Preview',
    available: () => true,
    render: (s, r) => <BrowserPreview sessionId={s.id} request={r?.tab === 'preview' ? { url: r.url, at: r.at } : null} />,
  },
]

export function ToolTabs({ session, request }: { session: SessionView; request: ToolRequest | null }) {
  const tabs = TABS.filter((t) => t.available(session.capabilities))
  const [active, setActive] = useState<ToolTab>(tabs[0]!.id)
  const [opened, setOpened] = useState<Set<ToolTab>>(() => new Set([tabs[0]!.id]))
  const buttons = useRef(new Map<ToolTab, HTMLButtonElement>())

  const select = (id: ToolTab, focus = false) => {
    setActive(id)
    setOpened((o) => (o.has(id) ? o : new Set(o).add(id)))
    if (focus) buttons.current.get(id)?.focus()
  }
  // Each tab keeps the last request made of it, so a later request for another tab does not reset it.
  const [lastRequest, setLastRequest] = useState<Partial<Record<ToolTab, ToolRequest>>>({})
  useEffect(() => {
    if (!request || !tabs.some((t) => t.id === request.tab)) return
    setLastRequest((r) => ({ ...r, [request.tab]: request }))
    select(request.tab)
  }, [request?.at]) // a new request (its `at`) switches the tab

  const onKey = (e: KeyboardEvent, i: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : step ? (i + step + tabs.length) % tabs.length : -1
    if (to < 0) return
    e.preventDefault()
    select(tabs[to]!.id, true)
  }
  return (
    <div className="flex h-full flex-col">
      <div role="tablist" aria-label="Tools" className="flex gap-1 border-b border-slate-200 px-2 dark:border-slate-800">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => void (el ? buttons.current.set(t.id, el) : buttons.current.delete(t.id))}
            role="tab"
            id={`tool-tab-${t.id}`}
            aria-selected={active === t.id}
            aria-controls={`tool-panel-${t.id}`}
            tabIndex={active === t.id ? 0 : -1}
            className={`px-3 py-2 text-sm ${active === t.id ? 'border-b-2 border-brand-600 font-medium' : 'text-slate-600 dark:text-slate-400'}`}
            onClick={() => select(t.id)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {tabs.map((t) => (
        <div key={t.id} role="tabpanel" id={`tool-panel-${t.id}`} aria-labelledby={`tool-tab-${t.id}`} hidden={active !== t.id} className="min-h-0 flex-1">
          {opened.has(t.id) && t.render(session, lastRequest[t.id] ?? null)}
        </div>
      ))}
    </div>
  )
}
