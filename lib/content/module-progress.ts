// Learner progress through the course: sections read, quiz answers and lab results per module; where to continue.
//
// Issue 7 "Learner progress". A module is completed once every section (h2) has
// been read and every quiz answered; labs are shown beside it (a lab counts as
// passed when a graded attempt scored full marks).
import type { PrismaClient } from '@/prisma/generated/client'
import { ApiError } from '@/lib/api/api-error'
import { isModuleSlug, listModules, renderModule } from './course'

export interface ModuleStatus {
  slug: string
  title: string
  order: number
  status: 'not_started' | 'in_progress' | 'completed'
  sections: { read: number; total: number }
  quizzes: { answered: number; correct: number; total: number }
  labs: { slug: string; passed: boolean; attempted: boolean }[]
  /** Where "continue" goes: the module page at its last section read. */
  continueHref: string
}

/** Records that the learner reached a section; completes the module when everything is read and answered. */
export async function recordSectionRead(prisma: PrismaClient, userId: string, slug: string, section: string): Promise<ModuleStatus> {
  const mod = isModuleSlug(slug) ? await renderModule(slug) : null
  if (!mod) throw new ApiError('not_found', 'No such module.')
  if (!mod.toc.some((t) => t.id === section)) throw new ApiError('validation_failed', 'No such section in this module.')
  const row = await prisma.moduleProgress.findUnique({ where: { userId_moduleSlug: { userId, moduleSlug: slug } } })
  const read = new Set([...((row?.sectionsRead as string[] | null) ?? []), section])
  await prisma.moduleProgress.upsert({
    where: { userId_moduleSlug: { userId, moduleSlug: slug } },
    create: { userId, moduleSlug: slug, status: 'in_progress', startedAt: new Date(), sectionsRead: [...read], lastSection: section },
    update: { sectionsRead: [...read], lastSection: section },
  })
  return settleStatus(prisma, userId, slug)
}

/** Recomputes a module's status from what was read and answered, storing `completed` once reached. */
export async function settleStatus(prisma: PrismaClient, userId: string, slug: string): Promise<ModuleStatus> {
  const [status] = await courseProgress(prisma, userId, [slug])
  if (status!.status === 'completed') {
    await prisma.moduleProgress.updateMany({ where: { userId, moduleSlug: slug, status: { not: 'completed' } }, data: { status: 'completed', completedAt: new Date() } })
  }
  return status!
}

export async function courseProgress(prisma: PrismaClient, userId: string, only?: string[]): Promise<ModuleStatus[]> {
  const modules = (await listModules()).filter((m) => !only || only.includes(m.slug))
  const [rows, answers, attempts] = await Promise.all([
    prisma.moduleProgress.findMany({ where: { userId } }),
    prisma.quizAnswer.findMany({ where: { userId }, select: { moduleSlug: true, correct: true } }),
    prisma.attempt.findMany({ where: { userId }, select: { labSlug: true, status: true, score: true, maxScore: true } }),
  ])
  return Promise.all(modules.map(async (m) => {
    const rendered = (await renderModule(m.slug))!
    const sections = rendered.toc.filter((t) => t.depth === 2).map((t) => t.id)
    const row = rows.find((r) => r.moduleSlug === m.slug)
    const read = new Set((row?.sectionsRead as string[] | null) ?? [])
    const mine = answers.filter((a) => a.moduleSlug === m.slug)
    const quizzes = { answered: mine.length, correct: mine.filter((a) => a.correct).length, total: rendered.quizzes.length }
    const sectionsRead = sections.filter((s) => read.has(s)).length
    const done = sectionsRead === sections.length && quizzes.answered >= quizzes.total
    const status = done ? 'completed' : row ? 'in_progress' : 'not_started'
    const labs = m.labs.map((slug) => {
      const tries = attempts.filter((a) => a.labSlug === slug)
      return { slug, attempted: tries.length > 0, passed: tries.some((a) => a.status === 'graded' && a.maxScore !== null && a.score === a.maxScore) }
    })
    return {
      slug: m.slug, title: m.title, order: m.order, status, labs,
      sections: { read: sectionsRead, total: sections.length }, quizzes,
      continueHref: `/modules/${m.slug}${row?.lastSection ? `#${row.lastSection}` : ''}`,
    }
  }))
}
