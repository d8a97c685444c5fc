'use client'
// The workbench's instructions pane: each task's text with its live tick, hints on request, Check, and Submit with the score.
import type { TaskView } from '@/lab-engine/sessions/lab-attempts'
import { useLabProgress } from './use-lab-progress'

const STATUS: Record<TaskView['status'], { label: string; mark: string; tone: string }> = {
  pending: { label: 'Not done yet', mark: '○', tone: 'text-slate-600 dark:text-slate-400' },
  passed: { label: 'Done', mark: '✓', tone: 'text-emerald-700 dark:text-emerald-400' },
  regressed: { label: 'Was done, now failing', mark: '!', tone: 'text-amber-700 dark:text-amber-400' },
}

export function LabInstructions({ sessionId, summary, instructionsHtml }: { sessionId: string; summary: string; instructionsHtml: Record<string, string> }) {
  const { progress, error, busy, check, submit, hint } = useLabProgress(sessionId)
  const attempt = progress?.attempt
  const open = attempt?.status === 'in_progress'
  const done = progress?.tasks.filter((t) => t.status === 'passed').length ?? 0
  return (
    <div className="flex h-full flex-col">
      <div className="flex-1 space-y-4 overflow-y-auto p-4">
        <p className="text-sm text-slate-600 dark:text-slate-400">{summary}</p>
        {progress && (
          <ol className="space-y-4" aria-label="Tasks" data-testid="lab-tasks">
            {progress.tasks.map((t, i) => (
              <TaskItem key={t.id} task={t} n={i + 1} html={instructionsHtml[t.id] ?? ''} canHint={open && t.hints.length < t.hintsTotal} hintBusy={busy === 'hint'} onHint={() => hint(t.id)} />
            ))}
          </ol>
        )}
      </div>
      <div className="space-y-2 border-t border-slate-200 p-3 dark:border-slate-800">
        <p role="status" className="text-sm" data-testid="lab-score">
          {attempt?.status === 'in_progress' && progress && `${done} of ${progress.tasks.length} tasks done.`}
          {attempt && attempt.status !== 'in_progress' && (attempt.score === null ? 'Submitted; grading…' : `Score: ${attempt.score} of ${attempt.maxScore} points.`)}
        </p>
        {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
        <div className="flex gap-2">
          <button type="button" className="btn-secondary" onClick={check} disabled={!open || busy !== null}>{busy === 'check' ? 'Checking…' : 'Check my work'}</button>
          <button type="button" className="btn-primary" onClick={submit} disabled={!open || busy !== null}>{busy === 'submit' ? 'Grading…' : 'Submit for grading'}</button>
        </div>
      </div>
    </div>
  )
}

function TaskItem({ task: t, n, html, canHint, hintBusy, onHint }: { task: TaskView; n: number; html: string; canHint: boolean; hintBusy: boolean; onHint: () => void }) {
  const s = STATUS[t.status]
  return (
    <li data-task-id={t.id} data-status={t.status}>
      <h3 className="flex items-baseline gap-2 font-medium">
        <span className={s.tone} aria-hidden="true">{s.mark}</span>
        <span>{n}. {t.title}</span>
        <span className={`ml-auto text-xs ${s.tone}`}>{s.label} · {t.points} pts</span>
      </h3>
      <div className="md-article md-no-dock text-sm" dangerouslySetInnerHTML={{ __html: html }} />
      {t.status !== 'passed' && t.messages.length > 0 && <p className="mt-1 text-sm text-amber-800 dark:text-amber-300">{t.messages[0]}</p>}
      {t.hints.length > 0 && (
        <ol className="mt-2 space-y-1 text-sm" aria-label={`Hints for task ${n}`}>
          {t.hints.map((h, i) => <li key={i} className="rounded bg-brand-50 px-2 py-1 dark:bg-slate-900">Hint {i + 1}: {h}</li>)}
        </ol>
      )}
      {canHint && (
        <button type="button" className="mt-2 text-sm underline" onClick={onHint} disabled={hintBusy}>
          Show a hint ({t.hints.length} of {t.hintsTotal} used)
        </button>
      )}
    </li>
  )
}
