// A live lab session: its driver, its terminal hub and recording, and the debounced saving of its state.
//
// Saving happens after changes that matter (learner input, cluster objects
// changing), at most once per debounce interval, and on stop and shutdown.
import type { HostTimers } from '../core/clock'
import type { ClusterDriver } from '../drivers/cluster-driver'
import type { EngineEvent } from '../drivers/engine-event'
import { EventStream } from '../drivers/event-stream'
import type { LabSpec } from '../grader/lab-schema'
import { TerminalHub } from '../server/terminal-hub'
import { LiveProgress, type TaskProgress } from './live-progress'
import { AsciicastRecorder } from './asciicast'
import type { SessionRepository } from './session-repository'

export interface LiveSessionDeps {
  repo: SessionRepository
  host: HostTimers
  debounceMs: number
  onActivity: () => void
  onSaveError: (err: unknown) => void
  /** A graded lab: its tasks are re-checked after changes and tick through `task` events. */
  grading?: { lab: LabSpec; initial?: Record<string, TaskProgress>; onProgress: (p: Record<string, TaskProgress>) => void; debounceMs: number }
}

/** Terminal size a recording starts with before the browser reports its own. */
const DEFAULT_SIZE = { cols: 80, rows: 24 }

export class LiveSession {
  readonly hub: TerminalHub
  private readonly recorder: AsciicastRecorder
  private recordingId: Promise<string> | null = null
  private saveTimer: unknown = undefined
  private saving: Promise<void> = Promise.resolve()
  private stopped = false
  private readonly pump: Promise<void>
  /** Warnings already shown, so each is shown once per deadline. */
  readonly warned = new Set<string>()
  readonly progress: LiveProgress | null
  private readonly streams = new Set<EventStream<EngineEvent>>()

  constructor(
    readonly id: string,
    readonly driver: ClusterDriver,
    private readonly deps: LiveSessionDeps,
  ) {
    const now = () => deps.host.now()
    this.recorder = new AsciicastRecorder({ width: DEFAULT_SIZE.cols, height: DEFAULT_SIZE.rows, startedAtMs: now(), now, title: `lab session ${id}` })
    this.hub = new TerminalHub({
      open: (size) => driver.openTerminal(size),
      now,
      recorder: this.recorder,
      onActivity: () => {
        deps.onActivity()
        this.scheduleSave()
      },
    })
    const g = deps.grading
    this.progress = g ? new LiveProgress({ lab: g.lab, driver, host: deps.host, debounceMs: g.debounceMs, emit: (e) => this.broadcast(e), initial: g.initial, onChange: g.onProgress, onError: deps.onSaveError }) : null
    this.pump = this.watchChanges()
  }

  /** The session's events from now on: the driver's, plus task progress. */
  events(): AsyncIterable<EngineEvent> {
    const stream: EventStream<EngineEvent> = new EventStream(() => this.streams.delete(stream))
    this.streams.add(stream)
    return stream
  }

  private broadcast(event: EngineEvent): void {
    for (const s of this.streams) s.push(event)
  }

  /** Saves soon (debounced): state and the recording's new events. */
  scheduleSave(): void {
    if (this.stopped || this.saveTimer !== undefined) return
    this.saveTimer = this.deps.host.setTimeout(() => {
      this.saveTimer = undefined
      void this.saveNow()
    }, this.deps.debounceMs)
  }

  /** Saves at once, after any save already running. */
  saveNow(): Promise<void> {
    this.saving = this.saving.then(() => this.save()).catch((err) => this.deps.onSaveError(err))
    return this.saving
  }

  /** Saves and releases everything; the driver is stopped. */
  async stop(): Promise<void> {
    if (this.stopped) return
    if (this.saveTimer !== undefined) this.deps.host.clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    await this.saveNow()
    this.stopped = true
    this.progress?.stop()
    for (const s of this.streams) s.dispose()
    this.hub.dispose()
    await this.saveRecording()
    await this.driver.stop()
    await this.pump
  }

  private async save(): Promise<void> {
    if (this.stopped) return
    if (this.driver.snapshot) {
      const snapshot = await this.driver.snapshot()
      await this.deps.repo.saveSnapshot(this.id, JSON.stringify(snapshot), this.deps.host.now())
    }
    await this.saveRecording()
  }

  private async saveRecording(): Promise<void> {
    const data = this.recorder.takeChunk()
    if (!data) return
    this.recordingId ??= this.deps.repo.createRecording(this.id, JSON.parse(this.recorder.header()) as object)
    const recordingId = await this.recordingId
    this.chunkSeq++
    await this.deps.repo.appendRecording(recordingId, { seq: this.chunkSeq, data, durationMs: Math.round(this.recorder.durationMs), sizeBytes: this.recorder.sizeBytes })
  }

  private chunkSeq = 0

  /** Cluster objects changing (from the terminal, the editor's Apply, a controller) is a change worth saving. */
  private async watchChanges(): Promise<void> {
    for await (const event of this.driver.events()) {
      if (this.stopped) break
      this.broadcast(event)
      if (event.type !== 'resource') continue
      this.scheduleSave()
      this.progress?.changed()
    }
  }
}
