// One attempt for its grader: score, per-check results by task, hints used, the recording with its command timeline, and the override.
import Link from 'next/link'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { attemptDetail, type AttemptDetail } from '@/lib/grading/attempt-detail'
import { pageData } from '@/lib/http/page-api-errors'
import { OverrideForm } from './override-client'
import { RecordingPlayer } from './recording-player-client'

export const metadata = { title: 'Attempt' }

const STATE_LABEL = { submitted: 'Submitted', graded: 'Graded', in_progress: 'In progress' } as const

const when = (iso: string) => <time dateTime={iso}>{new Date(iso).toUTCString()}</time>

export default async function AttemptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await requireUser(rolesWith('grades:review'), `/grader/attempts/${id}`)
  const a = await pageData(attemptDetail(getPrisma(), user, id))
  return (
    <>
      <PageHeader title={`${a.learner.name}: ${a.lab.title}`} description={a.learner.email} />
      <p className="mb-6 text-sm"><Link className="underline" href="/grader/attempts">Grading queue</Link></p>
      <Summary attempt={a} />
      <section aria-labelledby="checks" className="mb-8">
        <h2 id="checks" className="mb-3 font-semibold">Checks</h2>
        {a.tasks.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No check results yet: the attempt has not been graded.</p> : <TaskResults tasks={a.tasks} />}
      </section>
      <section aria-labelledby="hints" className="mb-8">
        <h2 id="hints" className="mb-3 font-semibold">Hints used</h2>
        {a.hints.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No hints.</p> : (
          <ul className="space-y-1 text-sm" data-testid="hints-used">
            {a.hints.map((h) => <li key={`${h.taskId}-${h.index}`}>{h.taskTitle}: hint {h.index + 1}, {when(h.usedAt)}</li>)}
          </ul>
        )}
      </section>
      <section aria-labelledby="recording" className="mb-8">
        <h2 id="recording" className="mb-3 font-semibold">Terminal recording</h2>
        {a.recordings.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No terminal was recorded for this attempt.</p> : <RecordingPlayer recordings={a.recordings} />}
      </section>
      <section aria-labelledby="override" className="card mb-8">
        <h2 id="override" className="mb-3 font-semibold">Override the score</h2>
        {a.maxScore === null || a.status === 'in_progress'
          ? <p className="text-sm">The attempt can be overridden once it is submitted and graded.</p>
          : <OverrideForm attemptId={a.id} score={a.score} maxScore={a.maxScore} />}
        <History history={a.history} />
      </section>
    </>
  )
}

function Summary({ attempt: a }: { attempt: AttemptDetail }) {
  return (
    <dl className="grader-summary" data-testid="attempt-summary">
      <div><dt>State</dt><dd>{STATE_LABEL[a.status]}</dd></div>
      <div><dt>Score</dt><dd data-testid="attempt-score">{a.score ?? '–'}{a.maxScore !== null && ` / ${a.maxScore}`}{a.override && <span className="grader-badge">overridden (automatic: {a.autoScore ?? '–'})</span>}</dd></div>
      <div><dt>Started</dt><dd>{when(a.startedAt)}</dd></div>
      <div><dt>Submitted</dt><dd>{a.submittedAt ? when(a.submittedAt) : '–'}</dd></div>
    </dl>
  )
}

function TaskResults({ tasks }: { tasks: AttemptDetail['tasks'] }) {
  return (
    <ol className="space-y-3" data-testid="task-results">
      {tasks.map((t) => (
        <li key={t.id} className="card">
          <p className="font-medium">{t.title} <span className={t.passed ? 'grader-pass' : 'grader-fail'}>{t.passed ? 'passed' : 'failed'}</span></p>
          <ul className="mt-2 space-y-1 text-sm">
            {t.checks.map((c) => (
              <li key={c.checkId}>
                <span className={c.passed ? 'grader-pass' : 'grader-fail'}>{c.passed ? '✓ pass' : '✗ fail'}</span> <code>{c.checkId}</code>: {c.message}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  )
}

function History({ history }: { history: AttemptDetail['history'] }) {
  if (history.length === 0) return null
  return (
    <div className="mt-6">
      <h3 className="mb-2 text-sm font-semibold">Earlier overrides</h3>
      <ol className="space-y-2 text-sm" data-testid="override-history">
        {history.map((h, i) => (
          <li key={i}>
            {when(h.at)}, {h.by ?? 'a removed user'}: {h.before?.overrideScore ?? h.before?.score ?? '–'} → {h.after?.overrideScore ?? '–'}. “{h.comment}”
          </li>
        ))}
      </ol>
    </div>
  )
}
