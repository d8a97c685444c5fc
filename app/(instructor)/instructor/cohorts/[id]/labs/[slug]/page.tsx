// Per-lab statistics for a cohort: completion, median time to complete, the checks that fail most, the hints used most.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { isUuid } from '@/lib/api/ids'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { labStats, type LabStats } from '@/lib/cohorts/lab-stats'
import { getPrisma } from '@/lib/db/global'
import { pageData } from '@/lib/http/page-api-errors'

export const metadata = { title: 'Lab statistics' }

/** "42 min" or "1 h 05 min": instructors compare labs in minutes, not milliseconds. */
function duration(ms: number | null): string {
  if (ms === null) return 'nobody has completed it yet'
  const min = Math.round(ms / 60_000)
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`
}

export default async function LabStatsPage({ params }: { params: Promise<{ id: string; slug: string }> }) {
  const { id, slug } = await params
  const user = await requireUser(rolesWith('cohorts:manage'), `/instructor/cohorts/${id}/labs/${slug}`)
  if (!isUuid(id)) notFound()
  const stats = await pageData(labStats(getPrisma(), user, id, slug))
  return (
    <>
      <PageHeader title={stats.lab.title} description={`Statistics for ${stats.cohort.name}`} actions={<Link className="btn-secondary" href={`/labs/${slug}`}>Preview the lab</Link>} />
      <p className="mb-4 text-sm">
        <Link className="underline" href={`/instructor/cohorts/${id}/progress?state=graded&column=${slug}`}>← Progress matrix</Link>
      </p>
      <dl className="mb-8 grid gap-3 sm:grid-cols-3" data-testid="lab-stats">
        <Figure term="Completion rate" value={`${Math.round(stats.completionRate * 100)}%`} note={`${stats.completed} of ${stats.learners} learners scored full marks; ${stats.attempted} tried`} />
        <Figure term="Median time to complete" value={duration(stats.medianMsToComplete)} note="first start on the lab to the first full-score submission" />
        <Figure term="Learners" value={String(stats.learners)} note="in this cohort" />
      </dl>
      <div className="grid gap-8 lg:grid-cols-2">
        <FailingChecks stats={stats} />
        <Hints stats={stats} />
      </div>
    </>
  )
}

function Figure({ term, value, note }: { term: string; value: string; note: string }) {
  return (
    <div className="card">
      <dt className="text-sm text-slate-600 dark:text-slate-400">{term}</dt>
      <dd className="mt-1 text-2xl font-semibold">{value}</dd>
      <dd className="text-xs text-slate-600 dark:text-slate-400">{note}</dd>
    </div>
  )
}

function FailingChecks({ stats }: { stats: LabStats }) {
  return (
    <section aria-labelledby="failing">
      <h2 id="failing" className="mb-2 font-semibold">Checks that fail most</h2>
      {stats.failingChecks.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No failed checks recorded.</p> : (
        <table className="w-full text-left text-sm">
          <thead><tr><th scope="col">Task</th><th scope="col">Check</th><th scope="col">Failures</th><th scope="col">Attempts</th></tr></thead>
          <tbody>
            {stats.failingChecks.map((c) => (
              <tr key={`${c.taskId}/${c.checkId}`} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 font-mono text-xs">{c.taskId}</td><td className="font-mono text-xs">{c.checkId}</td><td>{c.failures}</td><td>{c.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function Hints({ stats }: { stats: LabStats }) {
  return (
    <section aria-labelledby="hints">
      <h2 id="hints" className="mb-2 font-semibold">Hints used most</h2>
      {stats.hints.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">No hints taken.</p> : (
        <table className="w-full text-left text-sm">
          <thead><tr><th scope="col">Task</th><th scope="col">Hint</th><th scope="col">Uses</th></tr></thead>
          <tbody>
            {stats.hints.map((h) => (
              <tr key={`${h.taskId}/${h.hintIndex}`} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1 font-mono text-xs">{h.taskId}</td><td>#{h.hintIndex + 1}</td><td>{h.uses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
