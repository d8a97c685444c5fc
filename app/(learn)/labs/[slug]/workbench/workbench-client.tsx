'use client'
// The workbench: before a session, a Start button (or the seat queue); during one, instructions | terminal | tools, with the session bar above.
import Link from 'next/link'
import type { SessionView } from '@/lab-engine/sessions/session-manager'
import { SessionEventsProvider } from '@/app/_components/session-events-context'
import { SessionBar } from './session-bar'
import { useLabSession, type LabSessionState } from './use-lab-session'
import { WorkbenchPanes } from './workbench-panes'

export interface WorkbenchLab {
  slug: string
  title: string
  summary: string
  module: string
  tasks: { id: string; title: string; points: number }[]
}

interface WorkbenchClientProps {
  lab: WorkbenchLab
  instructionsHtml: Record<string, string>
  initialSession: SessionView | null
}

export function WorkbenchClient({ lab, instructionsHtml, initialSession }: WorkbenchClientProps) {
  const { state, start, act, busy, actionError } = useLabSession(lab.slug, initialSession)
  if (state.phase !== 'running') return <StartScreen lab={lab} state={state} onStart={start} />
  const session = state.session
  return (
    <SessionEventsProvider sessionId={session.id}>
      <div className="workbench" data-testid="workbench">
        <h1 className="sr-only">{lab.title}: workbench</h1>
        <SessionBar session={session} busy={busy} error={actionError} onAction={act} />
        <div className="min-h-0 flex-1">
          <WorkbenchPanes session={session} summary={lab.summary} instructionsHtml={instructionsHtml} />
        </div>
      </div>
    </SessionEventsProvider>
  )
}

function StartScreen({ lab, state, onStart }: { lab: WorkbenchLab; state: Exclude<LabSessionState, { phase: 'running' }>; onStart: () => void }) {
  const points = lab.tasks.reduce((sum, t) => sum + t.points, 0)
  return (
    <div className="mx-auto max-w-2xl space-y-4" data-testid="workbench-start">
      <h1 className="text-2xl font-semibold">{lab.title}</h1>
      <p className="text-slate-600 dark:text-slate-400">{lab.summary}</p>
      <p className="text-sm text-slate-600 dark:text-slate-400">{lab.tasks.length} tasks, {points} points · <Link className="underline" href={`/modules/${lab.module}`}>read the module first</Link></p>
      <StartStatus state={state} />
      {state.phase !== 'starting' && state.phase !== 'queued' && (
        <button type="button" className="btn-primary" onClick={onStart}>{state.phase === 'ended' ? 'Start a fresh session' : 'Start lab'}</button>
      )}
    </div>
  )
}

function StartStatus({ state }: { state: Exclude<LabSessionState, { phase: 'running' }> }) {
  switch (state.phase) {
    case 'starting':
      return (
        <div role="status" className="space-y-2">
          <p>Starting your lab environment…</p>
          <div className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"><div className="h-full w-1/3 animate-pulse rounded bg-brand-500" /></div>
        </div>
      )
    case 'queued':
      return <p role="status" className="text-amber-800 dark:text-amber-300">{state.message} This page takes your seat as soon as one frees up.</p>
    case 'ended':
      return <p role="status">This session has {state.session.state === 'expired' ? 'expired' : 'ended'}{state.session.notice ? `: ${state.session.notice}` : '.'}</p>
    case 'error':
      return <p role="alert" className="text-red-700 dark:text-red-400">{state.message}</p>
    default:
      return null
  }
}
