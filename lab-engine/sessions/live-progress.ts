// Live progress: after the cluster changes (debounced), the lab's tasks are re-graded in the background and `task` events tick them.
//
// Issue 6 "Grader": a ticked task keeps its first pass time; if a later change
// breaks it, a `regressed` event warns instead of silently unticking; the grade
// at submission evaluates the current state, not these ticks.
import type { HostTimers } from '../core/clock'
import type { ClusterDriver } from '../drivers/cluster-driver'
import type { EngineEvent } from '../drivers/engine-event'
import { gradeLab, type GradeResult } from '../grader/grade-lab'
import type { LabSpec } from '../grader/lab-schema'

export type TaskStatus = 'pending' | 'passed' | 'regressed'

export interface TaskProgress {
  status: TaskStatus
  /** When the task first passed (wall ms); kept when it regresses. */
  firstPassedAt: number | null
  /** The failing checks' messages from the last grading. */
  messages: string[]
}

export interface LiveProgressOptions {
  lab: LabSpec
  driver: ClusterDriver
  host: HostTimers
  debounceMs: number
  emit: (event: EngineEvent) => void
  /** Earlier progress (after a restart), so first pass times survive. */
  initial?: Record<string, TaskProgress>
  onChange?: (progress: Record<string, TaskProgress>) => void
  onError: (err: unknown) => void
}

export class LiveProgress {
  private readonly tasks: Record<string, TaskProgress>
  private timer: unknown = undefined
  private running: Promise<void> | null = null
  private again = false
  private stopped = false

  constructor(private readonly opts: LiveProgressOptions) {
    this.tasks = Object.fromEntries(opts.lab.tasks.map((t) => [t.id, opts.initial?.[t.id] ?? { status: 'pending', firstPassedAt: null, messages: [] }]))
  }

  get progress(): Record<string, TaskProgress> {
    return structuredClone(this.tasks)
  }

  /** Something changed: re-check soon. */
  changed(): void {
    if (this.stopped || this.timer !== undefined) return
    this.timer = this.opts.host.setTimeout(() => {
      this.timer = undefined
      void this.checkNow().catch(this.opts.onError)
    }, this.opts.debounceMs)
  }

  /** Re-checks now (the explicit "Check" button); one grading at a time, a request during one runs once more after it. */
  async checkNow(): Promise<Record<string, TaskProgress>> {
    if (this.running) {
      this.again = true
      await this.running
      return this.progress
    }
    this.running = this.grade().finally(() => (this.running = null))
    await this.running
    if (this.again && !this.stopped) {
      this.again = false
      return this.checkNow()
    }
    return this.progress
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== undefined) this.opts.host.clearTimeout(this.timer)
  }

  private async grade(): Promise<void> {
    if (this.stopped) return
    const result = await gradeLab(this.opts.lab, this.opts.driver)
    if (!this.stopped) this.apply(result)
  }

  private apply(result: GradeResult): void {
    const now = this.opts.host.now()
    let changed = false
    for (const t of result.tasks) {
      const before = this.tasks[t.taskId]!
      const status: TaskStatus = t.passed ? 'passed' : before.firstPassedAt !== null ? 'regressed' : 'pending'
      const messages = t.checks.filter((c) => !c.passed).map((c) => c.message)
      if (status === before.status && messages.join('\n') === before.messages.join('\n')) continue
      changed = true
      this.tasks[t.taskId] = { status, firstPassedAt: before.firstPassedAt ?? (t.passed ? now : null), messages }
      this.opts.emit({ v: 1, type: 'task', taskId: t.taskId, status, message: messages[0], atMs: now })
    }
    if (changed) this.opts.onChange?.(this.progress)
  }
}
