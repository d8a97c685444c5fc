// A lab's overview: what it covers, its tasks and points, and how long it takes. (The workbench that runs it comes with the lab sessions UI.)
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { findLab } from '@/lib/content/labs'

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: findLab((await params).slug)?.lab.title ?? 'Lab' }
}

export default async function LabPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  await requireUser('any', `/labs/${slug}`)
  const found = findLab(slug)
  if (!found) notFound()
  const { lab } = found
  const points = lab.tasks.reduce((sum, t) => sum + t.points, 0)
  return (
    <div className="space-y-6">
      <PageHeader title={lab.title} description={lab.summary} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        About {lab.estimatedMinutes} minutes · {lab.difficulty} · {lab.tasks.length} tasks, {points} points · runs on {lab.drivers.join(' and ')} ·{' '}
        <Link className="underline" href={`/modules/${lab.module}`}>back to the module</Link>
      </p>
      <ol className="space-y-3">
        {lab.tasks.map((t, i) => (
          <li key={t.id} className="card">
            <h2 className="font-medium">{i + 1}. {t.title}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t.points} points · {t.hints.length} hints</p>
          </li>
        ))}
      </ol>
    </div>
  )
}
