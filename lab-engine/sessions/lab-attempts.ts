// Graded attempts of a lab session: progress, the explicit "Check", hints revealed one at a time, and submission.
//
// Issue 6: an attempt goes in_progress -> submitted -> graded; the final grade
// evaluates the current state (not the live ticks), stores every check's
// result and message, and links the session's recordings.
import { gradeLab } from '../grader/grade-lab'
import type { LabSpec } from '../grader/lab-schema'
import type { AttemptRepository, StoredAttempt } from './attempt-repository'
import type { LabCatalog } from './lab-catalog'
import type { TaskProgress } from './live-progress'
import { SessionError } from './session-error'
import type { LabSessionManager } from './session-manager'

export interface TaskView {
  id: string
  title: string
  instructions: string
  points: number
  status: TaskProgress['status']
  firstPassedAt: string | null
  messages: string[]
  /** Hints revealed so far, in order. */
  hints: string[]
  hintsTotal: number
}

export interface ProgressView {
  attempt: { id: string; status: StoredAttempt['status']; score: number | null; maxScore: number | null }
  tasks: TaskView[]
}

export class LabAttempts {
  constructor(
    private readonly manager: LabSessionManager,
    private readonly attempts: AttemptRepository,
    private readonly catalog: LabCatalog,
    private readonly now: () => number,
  ) {}

  async progress(sessionId: string): Promise<ProgressView> {
    const { lab, attempt } = await this.context(sessionId)
    const live = attempt.status === 'in_progress' ? (await this.manager.liveFor(sessionId)).live.progress?.progress : undefined
    return this.view(lab, attempt, live ?? attempt.progress ?? {})
  }

  /** Grades now (the "Check" button) and returns the ticks. */
  async check(sessionId: string): Promise<ProgressView> {
    const { lab, attempt } = await this.context(sessionId)
    this.requireOpen(attempt)
    const { live } = await this.manager.liveFor(sessionId)
    const progress = live.progress ? await live.progress.checkNow() : {}
    return this.view(lab, attempt, progress)
  }

  /** Reveals the task's next hint and records its use; 'limit' when none is left. */
  async useHint(sessionId: string, taskId: string): Promise<{ index: number; text: string }> {
    const { lab, attempt } = await this.context(sessionId)
    this.requireOpen(attempt)
    const task = lab.tasks.find((t) => t.id === taskId)
    if (!task) throw new SessionError('not_found', `This lab has no task "${taskId}".`)
    const used = (await this.attempts.hintsUsed(attempt.id)).filter((h) => h.taskId === taskId).length
    if (used >= task.hints.length) throw new SessionError('limit', task.hints.length ? 'Every hint for this task is already shown.' : 'This task has no hints.')
    await this.attempts.recordHint(attempt.id, taskId, used, this.now())
    return { index: used, text: task.hints[used]! }
  }

  /** The final grade of the current state. */
  async submit(sessionId: string): Promise<ProgressView> {
    const { lab, attempt } = await this.context(sessionId)
    this.requireOpen(attempt)
    const { live } = await this.manager.liveFor(sessionId)
    // The recording row appears at the first save; save now so a quick submit links the recording too.
    await live.saveNow()
    const grade = await gradeLab(lab, live.driver)
    const results = grade.tasks.flatMap((t) => t.checks.map((c, i) => ({ taskId: t.taskId, checkId: c.id ?? `${c.kind}-${i + 1}`, passed: c.passed, message: c.message, details: { observed: c.observed } })))
    await this.attempts.submit(attempt.id, { results, score: grade.score, maxScore: grade.maxScore, atMs: this.now() })
    live.progress?.stop()
    const after = (await this.attempts.attemptForSession(sessionId))!
    return this.view(lab, after, live.progress?.progress ?? {})
  }

  private async context(sessionId: string): Promise<{ lab: LabSpec; attempt: StoredAttempt }> {
    const stored = await this.manager.get(sessionId)
    if (!stored) throw new SessionError('not_found', 'No such lab session.')
    const grading = this.catalog.get(stored.labSlug)?.grading
    const attempt = await this.attempts.attemptForSession(sessionId)
    if (!grading || !attempt) throw new SessionError('not_found', 'This lab session is not graded (the playground has no tasks).')
    return { lab: grading.lab, attempt }
  }

  private requireOpen(attempt: StoredAttempt): void {
    if (attempt.status !== 'in_progress') throw new SessionError('ended', 'This attempt is already submitted.')
  }

  private async view(lab: LabSpec, attempt: StoredAttempt, progress: Record<string, TaskProgress>): Promise<ProgressView> {
    const hints = await this.attempts.hintsUsed(attempt.id)
    return {
      attempt: { id: attempt.id, status: attempt.status, score: attempt.score, maxScore: attempt.maxScore },
      tasks: lab.tasks.map((t) => {
        const p = progress[t.id]
        const shown = hints.filter((h) => h.taskId === t.id).length
        return {
          id: t.id, title: t.title, instructions: t.instructions, points: t.points,
          status: p?.status ?? 'pending', firstPassedAt: p?.firstPassedAt ? new Date(p.firstPassedAt).toISOString() : null, messages: p?.messages ?? [],
          hints: t.hints.slice(0, shown), hintsTotal: t.hints.length,
        }
      }),
    }
  }
}
