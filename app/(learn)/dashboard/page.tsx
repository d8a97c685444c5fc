// The signed-in home: work your cohorts assigned you, your cohorts and the course's modules.
import Link from 'next/link'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { assignmentsForLearner, type AssignmentView } from '@/lib/cohorts/assignments'
import { listCohortsFor } from '@/lib/cohorts/cohorts'
import { COURSE_OUTLINE } from '@/lib/course-outline'
import { getPrisma } from '@/lib/db/global'

export const metadata = { title: 'Dashboard' }

export default async function DashboardPage() {
  const user = await requireUser('any', '/dashboard')
  const [cohorts, assigned] = await Promise.all([listCohortsFor(getPrisma(), user), assignmentsForLearner(getPrisma(), user.id)])
  return (
    <div className="space-y-10">
      <PageHeader title={`Welcome, ${user.name}`} description="Pick up where you left off." />
      {assigned.length > 0 && <AssignedWork assignments={assigned} />}
      <section aria-labelledby="cohorts">
        <h2 id="cohorts" className="text-lg font-semibold">Your cohorts</h2>
        {cohorts.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            You are not in a cohort yet. Your instructor will share an invitation link.
          </p>
        ) : (
          <ul className="mt-3 grid gap-3 md:grid-cols-2" data-testid="my-cohorts">
            {cohorts.map((c) => (
              <li key={c.id} className="card">
                <h3 className="font-medium">{c.name}</h3>
                <p className="text-sm text-slate-600 dark:text-slate-400">{c.description || 'No description.'}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="modules">
        <h2 id="modules" className="text-lg font-semibold">Course modules</h2>
        <ol className="mt-3 space-y-3">
          {COURSE_OUTLINE.map((m, i) => (
            <li key={m.slug} className="card flex items-start gap-4">
              <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700 dark:bg-slate-800 dark:text-brand-100">
                {i + 1}
              </span>
              <div>
                <h3 className="font-medium"><Link className="hover:underline" href={`/modules/${m.slug}`}>{m.title}</Link></h3>
                <p className="text-sm text-slate-600 dark:text-slate-400">{m.summary}</p>
              </div>
            </li>
          ))}
        </ol>
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
          <Link href="/course" className="underline">About the course</Link> · <Link href="/glossary" className="underline">Glossary</Link>
        </p>
      </section>
    </div>
  )
}

/** Assigned modules and labs, soonest due first; dates in UTC so the server's rendering matches every reader. */
function AssignedWork({ assignments }: { assignments: (AssignmentView & { cohortName: string })[] }) {
  return (
    <section aria-labelledby="assigned">
      <h2 id="assigned" className="text-lg font-semibold">Assigned to you</h2>
      <ul className="mt-3 divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="my-assignments">
        {assignments.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
            <span>
              <Link className="font-medium hover:underline" href={a.href}>{a.title}</Link>
              <span className="ml-2 text-slate-600 dark:text-slate-400">{a.labSlug ? 'lab' : 'module'} · {a.cohortName}</span>
            </span>
            {a.dueAt ? <time dateTime={a.dueAt.toISOString()}>due {DUE_FORMAT.format(a.dueAt)} UTC</time> : <span className="text-slate-600 dark:text-slate-400">no due date</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}

const DUE_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
