// The lab workbench: instructions, terminal, editor, mesh graph and cluster views for one lab session (a deep link starts it in one click).
import { notFound } from 'next/navigation'
import { requireUser } from '@/lib/auth/page-session'
import { rolesWith } from '@/lib/auth/roles'
import { labPreview } from '@/lib/content/lab-preview'
import { renderDocument } from '@/lib/content/render/render-document'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { WorkbenchClient } from './workbench-client'

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  return { title: `${labPreview((await params).slug)?.lab?.title ?? 'Lab'} · workbench` }
}

export default async function WorkbenchPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params
  const user = await requireUser(rolesWith('labs:use'), `/labs/${slug}/workbench`)
  const preview = labPreview(slug)
  if (!preview?.lab) notFound()
  const manager = getLabSessions()
  const active = (await manager.list(user.id)).find((s) => s.labSlug === slug && (s.state === 'running' || s.state === 'starting'))
  const instructions = Object.fromEntries(
    await Promise.all(preview.lab.tasks.map(async (t) => [t.id, (await renderDocument(t.instructions, preview.file)).html] as const)),
  )
  return (
    <WorkbenchClient
      lab={{ slug, title: preview.lab.title, summary: preview.lab.summary, module: preview.lab.module, tasks: preview.lab.tasks.map((t) => ({ id: t.id, title: t.title, points: t.points })) }}
      instructionsHtml={instructions}
      initialSession={active ? manager.view(active) : null}
    />
  )
}
