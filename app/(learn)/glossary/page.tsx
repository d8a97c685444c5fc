// The glossary (content/glossary.md).
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { renderPage } from '@/lib/content/course'

export const metadata = { title: 'Glossary' }

export default async function GlossaryPage() {
  await requireUser('any', '/glossary')
  const page = await renderPage('glossary')
  if (!page) notFound()
  return (
    <div>
      <PageHeader title={page.title} description={page.summary} />
      <article className="md-article mt-8" dangerouslySetInnerHTML={{ __html: page.html }} />
    </div>
  )
}
