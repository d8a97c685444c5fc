// A course module: the rendered text with its table of contents, labs and knowledge checks.
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { PageHeader } from '@/app/_components/page-header'
import { requireUser } from '@/lib/auth/page-session'
import { can } from '@/lib/auth/roles'
import { moduleProblems, renderModule } from '@/lib/content/course'
import { answersFor, markStarted } from '@/lib/content/quiz-answers'
import { getPrisma } from '@/lib/db/global'
import { ContentPreview } from '@/app/_components/content-preview'
import { ModuleArticle } from './module-client'

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const mod = await renderModule((await params).slug)
  return { title: mod?.meta.title ?? 'Module' }
}

export default async function ModulePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const user = await requireUser('any', `/modules/${slug}`)
  const mod = await renderModule(slug)
  if (!mod) notFound()
  await markStarted(getPrisma(), user.id, slug)
  const answers = await answersFor(getPrisma(), user.id, slug)
  const m = mod.meta
  const preview = can(user.role, 'content:preview') ? await moduleProblems(slug) : null
  return (
    <div className="grid gap-10 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <div className="min-w-0">
        <PageHeader title={m.title} description={m.summary} />
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Module {m.order} · about {m.estimatedMinutes} minutes</p>
        {preview && <ContentPreview problems={preview} liveReload={process.env.NODE_ENV === 'development'} />}
        <section aria-labelledby="objectives" className="card mt-6">
          <h2 id="objectives" className="font-semibold">You will be able to</h2>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">{m.objectives.map((o) => <li key={o}>{o}</li>)}</ul>
        </section>
        <ModuleArticle slug={slug} html={mod.html} answers={answers} />
        {m.labs.length > 0 && (
          <section aria-labelledby="labs" className="card mt-10">
            <h2 id="labs" className="font-semibold">Labs for this module</h2>
            <ul className="mt-2 space-y-1 text-sm">{m.labs.map((l) => <li key={l}><Link className="underline" href={`/labs/${l}`}>{l}</Link></li>)}</ul>
          </section>
        )}
      </div>
      <nav aria-label="On this page" className="hidden text-sm lg:block">
        <div className="sticky top-6">
          <p className="font-semibold">On this page</p>
          <ol className="mt-2 space-y-1">
            {mod.toc.map((t) => (
              <li key={t.id} className={t.depth === 3 ? 'pl-3' : ''}>
                <a className="text-slate-600 hover:underline dark:text-slate-400" href={`#${t.id}`}>{t.text}</a>
              </li>
            ))}
          </ol>
        </div>
      </nav>
    </div>
  )
}
