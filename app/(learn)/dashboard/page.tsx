// The signed-in home: your cohorts and the course's modules.
import Link from 'next/link'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { listCohortsFor } from '@/lib/cohorts/cohorts'
import { COURSE_OUTLINE } from '@/lib/course-outline'
import { getPrisma } from '@/lib/db/global'

export const metadata = { title: 'Dashboard' }

export default async function DashboardPage() {
  const user = await requireUser('any', '/dashboard')
  const cohorts = await listCohortsFor(getPrisma(), user)
  return (
    <div className="space-y-10">
      <PageHeader title={`Welcome, ${user.name}`} description="Pick up where you left off." />
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
        <p className="mt-3 text-sm text-slate-500">
          <Link href="/course" className="underline">About the course</Link> · <Link href="/glossary" className="underline">Glossary</Link>
        </p>
      </section>
    </div>
  )
}
