// One attempt for its grader: learner, lab, score, check results by task, hints used, commands typed, recordings, override history.
import type { PrismaClient } from '@/prisma/generated/client'
import type { SessionUser } from '@/lib/auth/sessions'
import { attemptIdForGrader } from './attempt-access'
import type { TimelineCommand } from './command-timeline'
import { effectiveScore } from './effective-score'
import { labInfos } from './lab-titles'
import { overrideHistory, type OverrideEntry } from './override-history'
import { attemptRecordings, recordingTimeline } from './recording-text'

export interface AttemptDetail {
  id: string
  learner: { id: string; name: string; email: string }
  lab: { slug: string; title: string }
  status: 'in_progress' | 'submitted' | 'graded'
  /** The effective score: the override when there is one. */
  score: number | null
  autoScore: number | null
  maxScore: number | null
  override: { score: number; comment: string; by: string | null; at: string } | null
  startedAt: string
  submittedAt: string | null
  tasks: { id: string; title: string; passed: boolean; checks: { checkId: string; passed: boolean; message: string }[] }[]
  hints: { taskId: string; taskTitle: string; index: number; usedAt: string }[]
  recordings: { id: string; url: string; createdAt: string; durationMs: number; sizeBytes: number; commands: TimelineCommand[] }[]
  history: OverrideEntry[]
}

export async function attemptDetail(prisma: PrismaClient, staff: SessionUser, rawId: string | undefined): Promise<AttemptDetail> {
  const id = await attemptIdForGrader(prisma, staff, rawId)
  const a = await prisma.attempt.findUniqueOrThrow({
    where: { id },
    include: {
      user: { select: { id: true, name: true, email: true } },
      overrideBy: { select: { name: true } },
      checkResults: { orderBy: { createdAt: 'asc' } },
      hintUses: { orderBy: { usedAt: 'asc' } },
    },
  })
  const rows = await prisma.recording.findMany({ where: attemptRecordings(a), orderBy: { createdAt: 'asc' }, select: { id: true, createdAt: true, durationMs: true, sizeBytes: true } })
  const info = labInfos().get(a.labSlug)
  const taskTitle = (taskId: string) => info?.tasks.find((t) => t.id === taskId)?.title ?? taskId
  const recordings = await Promise.all(rows.map(async (r) => ({
    id: r.id, url: `/api/attempts/${id}/recordings/${r.id}.cast`, createdAt: r.createdAt.toISOString(),
    durationMs: r.durationMs, sizeBytes: r.sizeBytes, commands: await recordingTimeline(prisma, id, r.id),
  })))
  return {
    id, learner: a.user, lab: { slug: a.labSlug, title: info?.title ?? a.labSlug }, status: a.status,
    score: effectiveScore(a), autoScore: a.score, maxScore: a.maxScore,
    override: a.overrideScore === null ? null : { score: a.overrideScore, comment: a.overrideComment ?? '', by: a.overrideBy?.name ?? null, at: a.overriddenAt?.toISOString() ?? '' },
    startedAt: a.startedAt.toISOString(), submittedAt: a.submittedAt?.toISOString() ?? null,
    tasks: groupByTask(a.checkResults, info?.tasks ?? [], taskTitle),
    hints: a.hintUses.map((h) => ({ taskId: h.taskId, taskTitle: taskTitle(h.taskId), index: h.hintIndex, usedAt: h.usedAt.toISOString() })),
    recordings,
    history: await overrideHistory(prisma, id),
  }
}

type CheckRow = { taskId: string; checkId: string; passed: boolean; message: string }

/** Tasks in the lab's order (tasks the lab no longer has come last, in result order). */
function groupByTask(rows: CheckRow[], order: { id: string }[], title: (id: string) => string): AttemptDetail['tasks'] {
  const byTask = new Map<string, CheckRow[]>()
  for (const r of rows) byTask.set(r.taskId, [...(byTask.get(r.taskId) ?? []), r])
  const rank = (id: string) => { const i = order.findIndex((t) => t.id === id); return i < 0 ? order.length : i }
  return [...byTask.entries()]
    .sort(([x], [y]) => rank(x) - rank(y))
    .map(([taskId, checks]) => ({
      id: taskId, title: title(taskId), passed: checks.every((c) => c.passed),
      checks: checks.map((c) => ({ checkId: c.checkId, passed: c.passed, message: c.message })),
    }))
}
