// The course overview page (content/course.md).
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { renderPage } from '@/lib/content/course'

export const metadata = { title: 'Course overview' }

export default async function CoursePage() {
  await requireUser('any', '/course')
  const page = await renderPage('course')
  if (!page) notFound()
  return (
    <div>
      <PageHeader title={page.title} description={page.summary} />
      <article className="md-article md-no-dock mt-8" dangerouslySetInnerHTML={{ __html: page.html }} />
    </div>
  )
}
