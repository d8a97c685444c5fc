// A lab's overview: what it covers, its tasks and points. Instructors also see the working tree's version: problems, instructions, hints, checks and solutions.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { ContentPreview } from '@/app/_components/content-preview'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { can } from '@/lib/auth/roles'
import { labPreview } from '@/lib/content/lab-preview'
import { LabInstructorView } from './lab-instructor-view'

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: labPreview((await params).slug)?.lab?.title ?? 'Lab' }
}

export default async function LabPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const user = await requireUser('any', `/labs/${slug}`)
  const preview = labPreview(slug)
  const staff = can(user.role, 'content:preview')
  if (!preview || (!preview.lab && !staff)) notFound()
  const liveReload = process.env.NODE_ENV === 'development'
  const { lab } = preview
  if (!lab) {
    return (
      <div className="space-y-6">
        <PageHeader title={slug} description="This lab does not load, so learners cannot see it." />
        <ContentPreview problems={preview.problems} liveReload={liveReload} file={preview.file} />
      </div>
    )
  }
  const points = lab.tasks.reduce((sum, t) => sum + t.points, 0)
  return (
    <div className="space-y-6">
      <PageHeader title={lab.title} description={lab.summary} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        About {lab.estimatedMinutes} minutes · {lab.difficulty} · {lab.tasks.length} tasks, {points} points · runs on {lab.drivers.join(' and ')} ·{' '}
        <Link className="underline" href={`/modules/${lab.module}`}>back to the module</Link>
      </p>
      {can(user.role, 'labs:use') && (
        <p><Link className="btn-primary" href={`/labs/${slug}/workbench`} data-testid="open-workbench">Open the lab workbench</Link></p>
      )}
      {staff && <ContentPreview problems={preview.problems} liveReload={liveReload} file={preview.file} />}
      <ol className="space-y-3">
        {lab.tasks.map((t, i) => (
          <li key={t.id} className="card">
            <h2 className="font-medium">{i + 1}. {t.title}</h2>
            <p className="text-sm text-slate-600 dark:text-slate-400">{t.points} points · {t.hints.length} hints</p>
          </li>
        ))}
      </ol>
      {staff && <LabInstructorView slug={slug} lab={lab} file={preview.file} />}
    </div>
  )
}
