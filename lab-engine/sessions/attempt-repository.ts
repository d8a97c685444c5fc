// Where graded attempts are kept (the app's database, implemented in lib/lab-sessions): progress, hints used, final results.
import type { TaskProgress } from './live-progress'

export type AttemptStatus = 'in_progress' | 'submitted' | 'graded'

export interface StoredAttempt {
  id: string
  userId: string
  labSlug: string
  labSessionId: string | null
  status: AttemptStatus
  score: number | null
  maxScore: number | null
  labVersion: string | null
  progress: Record<string, TaskProgress> | null
  startedAt: number
  submittedAt: number | null
}

export interface CheckResultRow {
  taskId: string
  checkId: string
  passed: boolean
  message: string
  details?: unknown
}

export interface AttemptRepository {
  createAttempt(input: { userId: string; labSlug: string; labSessionId: string; labVersion: string; atMs: number }): Promise<StoredAttempt>
  attemptForSession(labSessionId: string): Promise<StoredAttempt | null>
  saveProgress(attemptId: string, progress: Record<string, TaskProgress>): Promise<void>
  /** Idempotent per (task, hint index). */
  recordHint(attemptId: string, taskId: string, hintIndex: number, atMs: number): Promise<void>
  hintsUsed(attemptId: string): Promise<{ taskId: string; hintIndex: number }[]>
  /** The final grade: results stored, status graded, the session's recordings linked to the attempt. */
  submit(attemptId: string, grade: { results: CheckResultRow[]; score: number; maxScore: number; atMs: number }): Promise<void>
}
