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
      return <StartProgress stage={state.session?.startStage ?? null} />
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

/** The driver's start stages as a progress bar (kind: lease a cluster, toolbox, files, setup; the sim is done at once). */
function StartProgress({ stage }: { stage: SessionView['startStage'] }) {
  const share = stage ? (stage.step - 0.5) / stage.steps : 0.1
  return (
    <div role="status" className="space-y-2" data-testid="start-progress">
      <p>{stage ? `Step ${stage.step} of ${stage.steps}: ${stage.label}…` : 'Starting your lab environment…'}</p>
      <div role="progressbar" aria-label="Lab start" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(share * 100)} className="h-2 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800">
        <div className="h-full rounded bg-brand-500 transition-[width]" style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  )
}
