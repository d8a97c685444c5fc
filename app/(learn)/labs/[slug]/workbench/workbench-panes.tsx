'use client'
// The workbench's three resizable panes: instructions | terminal | tool tabs. Shell `ui` events switch the tabs.
import dynamic from 'next/dynamic'
import { useState } from 'react'
import { useEngineEvent } from '@/app/_components/session-events-context'
import { SplitColumns } from '@/app/_components/split-columns'
import type { SessionView } from '@/lab-engine/sessions/session-manager'
import { LabInstructions } from './lab-instructions'
import { ToolTabs, type ToolRequest } from './tool-tabs'

const LabTerminal = dynamic(() => import('@/app/_components/terminal').then((m) => m.LabTerminal), {
  ssr: false,
  loading: () => <p className="p-4 text-sm text-slate-600 dark:text-slate-400">Loading the terminal…</p>,
})

const DASHBOARD_TAB = { kiali: 'graph', grafana: 'telemetry', jaeger: 'telemetry', prometheus: 'telemetry' } as const

export function WorkbenchPanes({ session, summary, instructionsHtml }: { session: SessionView; summary: string; instructionsHtml: Record<string, string> }) {
  const [request, setRequest] = useState<ToolRequest | null>(null)
  useEngineEvent('ui', ({ action: a }) => {
    if (a.action === 'open-editor') setRequest({ tab: 'editor', file: { path: a.path, title: a.title, pendingEdit: true }, at: Date.now() })
    else if (a.action === 'open-preview') setRequest({ tab: 'preview', url: `http://localhost:${a.localPort}/`, at: Date.now() })
    else setRequest({ tab: DASHBOARD_TAB[a.dashboard], at: Date.now() })
  })
  return (
    <SplitColumns initial={[0.28, 0.36, 0.36]} labels={['instructions', 'terminal', 'tools']}>
      <section aria-label="Instructions" className="h-full">
        <LabInstructions sessionId={session.id} summary={summary} instructionsHtml={instructionsHtml} />
      </section>
      <section aria-label="Terminal" className="h-full">
        <LabTerminal sessionId={session.id} className="h-full" />
      </section>
      <section aria-label="Tools" className="h-full">
        <ToolTabs session={session} request={request} />
      </section>
    </SplitColumns>
  )
}
