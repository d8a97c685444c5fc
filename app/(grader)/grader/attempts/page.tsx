// The grading queue: attempts of learners in my cohorts, submitted first, filtered by a GET form, one server-side page at a time.
import Link from 'next/link'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { gradableCohorts } from '@/lib/grading/attempt-access'
import { attemptQueue, parseQueueQuery, queueLabs, type QueueItem, type QueueQuery } from '@/lib/grading/attempt-queue'
import { pageData } from '@/lib/http/page-api-errors'

export const metadata = { title: 'Grading' }

type Search = Record<string, string | string[] | undefined>

const STATE_LABEL: Record<QueueItem['status'], string> = { submitted: 'Submitted', graded: 'Graded', in_progress: 'In progress' }

export default async function AttemptsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireUser(rolesWith('grades:review'), '/grader/attempts')
  const search = await searchParams
  const query = safeQuery(search)
  const prisma = getPrisma()
  const [page, cohorts, labs] = await Promise.all([pageData(attemptQueue(prisma, user, query)), gradableCohorts(prisma, user), queueLabs(prisma, user)])
  return (
    <>
      <PageHeader title="Grading" description="Submitted attempts first, oldest submission first." />
      <form method="get" className="grader-filters" aria-label="Filter attempts">
        <Filter id="cohort" label="Cohort" value={query.cohort} options={cohorts.map((c) => [c.id, c.name])} />
        <Filter id="lab" label="Lab" value={query.lab} options={labs.map((l) => [l.slug, l.title])} />
        <Filter id="state" label="State" value={query.state} options={Object.entries(STATE_LABEL)} anyLabel="Submitted or graded" />
        <button type="submit" className="btn-secondary">Filter</button>
        {query.cohort && <a className="btn-secondary" href={`/api/cohorts/${query.cohort}/grades.csv`} download>Download grades (CSV)</a>}
      </form>
      {page.items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No attempts match. Attempts appear here once learners in your cohorts submit a lab.</p>
      ) : (
        <QueueTable items={page.items} />
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-3 text-sm">
        {query.cursor && <Link className="underline" href={pageHref(query, undefined)}>First page</Link>}
        {page.nextCursor && <Link className="underline" href={pageHref(query, page.nextCursor)} rel="next">Next page</Link>}
      </nav>
    </>
  )
}

/** A malformed address shows the unfiltered queue rather than an error page. */
function safeQuery(search: Search): QueueQuery {
  try {
    return parseQueueQuery(search)
  } catch {
    return {}
  }
}

function pageHref(q: QueueQuery, cursor: string | undefined): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries({ cohort: q.cohort, lab: q.lab, state: q.state, cursor })) if (v) params.set(k, v)
  const s = params.toString()
  return s ? `/grader/attempts?${s}` : '/grader/attempts'
}

function Filter({ id, label, value, options, anyLabel = 'Any' }: { id: string; label: string; value?: string; options: [string, string][]; anyLabel?: string }) {
  return (
    <div>
      <label htmlFor={`filter-${id}`} className="label">{label}</label>
      <select id={`filter-${id}`} name={id} defaultValue={value ?? ''} className="input py-1.5">
        <option value="">{anyLabel}</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </div>
  )
}

function QueueTable({ items }: { items: QueueItem[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 dark:border-slate-800">
      <table className="w-full text-left text-sm" data-testid="attempt-queue">
        <caption className="sr-only">Attempts to review</caption>
        <thead className="bg-slate-50 text-slate-600 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            {['Learner', 'Lab', 'State', 'Score', 'Submitted'].map((h) => <th key={h} scope="col" className="px-4 py-2">{h}</th>)}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} className="border-t border-slate-200 dark:border-slate-800">
              <td className="px-4 py-2"><Link className="underline" href={`/grader/attempts/${a.id}`}>{a.learner.name}</Link> <span className="text-slate-600 dark:text-slate-400">{a.learner.email}</span></td>
              <td className="px-4 py-2">{a.lab.title}</td>
              <td className="px-4 py-2">{STATE_LABEL[a.status]}</td>
              <td className="px-4 py-2">{a.score ?? '–'}{a.maxScore !== null && ` / ${a.maxScore}`}{a.overridden && <span className="grader-badge">overridden</span>}</td>
              <td className="px-4 py-2">{a.submittedAt ? <time dateTime={a.submittedAt}>{new Date(a.submittedAt).toUTCString()}</time> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
