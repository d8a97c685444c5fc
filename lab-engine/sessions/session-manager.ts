// The lab session manager: start, attach, reset, extend and stop sessions; limits, the seat queue, expiry, and restore after a restart.
//
// Issue 5 "Sessions". Sessions are rows in the repository; the ones in use
// also live in memory (driver, terminal hub). After a server restart a running
// session comes back to life on first use, from its saved snapshot; a snapshot
// that cannot be read resets it to the lab's setup and the learner is told.
// Roles and ownership are the caller's business (lib/lab-sessions): the
// manager trusts the userId it is given.
import type { WebSocket } from 'ws'
import type { HostTimers } from '../core/clock'
import type { ClusterDriver, DriverName, Snapshot, StartStage } from '../drivers/cluster-driver'
import { attachEventsSocket } from '../server/events-socket'
import type { HeldMessages } from '../server/held-messages'
import type { LabCatalog, LabDefinition } from './lab-catalog'
import { LiveSession } from './live-session'
import type { LabSessionConfig } from './session-config'
import type { SessionRepository, StoredLabSession } from './session-repository'
import type { AttemptRepository } from './attempt-repository'
import type { LiveSessionDeps } from './live-session'
import { SeatQueue } from './seat-queue'
import { SessionError } from './session-error'
import { expiryWarnings, type Expiry } from './expiry'

export interface SessionManagerDeps {
  repo: SessionRepository
  /** Attempts of graded labs (absent: sessions are not graded). */
  attempts?: AttemptRepository
  catalog: LabCatalog
  config: LabSessionConfig
  host: HostTimers
  driverName: DriverName
  createDriver: () => ClusterDriver
  /** After every session is saved at shutdown (kind: delete the pool's clusters). */
  onShutdown?: () => Promise<void>
  log: { error(obj: object, msg: string): void; info(obj: object, msg: string): void }
}

export interface SessionView {
  id: string
  labSlug: string
  title: string
  driver: string
  state: StoredLabSession['state']
  capabilities: ClusterDriver['capabilities'] | null
  createdAt: string
  expiresAt: string | null
  /** When the session ends if nothing is typed. */
  idleExpiresAt: string
  /** Extends left before the maximum duration. */
  canExtend: boolean
  notice: string | null
  /** While the session is starting: the driver's current stage, for the progress bar. */
  startStage: StartStage | null
}

export type StartOutcome =
  | { kind: 'started' | 'existing'; session: SessionView }
  | { kind: 'queued'; position: number; message: string }

/** How long POST /api/lab-sessions waits for a start before answering `starting` (the sim is always quicker). */
const START_REPLY_WAIT_MS = 3_000
/** How often deadlines are checked. */
const SWEEP_MS = 15_000
/** Tasks are re-checked this long after the last change. */
const PROGRESS_DEBOUNCE_MS = 1_500
/** lastActiveAt is written to the repository at most this often per session. */
const ACTIVITY_WRITE_MS = 60_000

export class LabSessionManager {
  private readonly live = new Map<string, LiveSession>()
  private readonly reviving = new Map<string, Promise<LiveSession>>()
  private readonly startStages = new Map<string, StartStage>()
  private readonly lastActive = new Map<string, { atMs: number; writtenMs: number }>()
  private readonly queue: SeatQueue
  private sweepHandle: unknown
  private closed = false

  constructor(private readonly deps: SessionManagerDeps) {
    this.queue = new SeatQueue(deps.config.queueTtlMs)
    this.armSweep()
  }

  get liveCount(): number {
    return this.live.size
  }

  lab(slug: string): LabDefinition | undefined {
    return this.deps.catalog.get(slug)
  }

  /** Starts the learner's session for a lab, or returns the one already running, or queues them. */
  async start(userId: string, labSlug: string): Promise<StartOutcome> {
    const lab = this.deps.catalog.get(labSlug)
    if (!lab) throw new SessionError('not_found', `There is no lab called "${labSlug}".`)
    if (!lab.drivers.includes(this.deps.driverName)) throw new SessionError('unavailable', `The lab "${lab.title}" needs the ${lab.drivers.join(' or ')} driver; this server runs ${this.deps.driverName}.`)
    const active = await this.activeSessions(userId)
    const existing = active.find((s) => s.labSlug === labSlug)
    if (existing) return { kind: 'existing', session: this.view(existing) }
    if (active.length >= this.deps.config.perUserLimit) {
      throw new SessionError('limit', `You already have ${active.length} lab sessions running (the limit is ${this.deps.config.perUserLimit}). Stop one to start another.`)
    }
    const now = this.deps.host.now()
    if (this.live.size + this.reviving.size >= this.deps.config.capacity || !this.queue.mayTakeSeat(userId, labSlug, now)) {
      const position = this.queue.join(userId, labSlug, now)
      return { kind: 'queued', position, message: `All lab seats are busy; you are #${position} in the queue.` }
    }
    this.queue.leave(userId, labSlug)
    return { kind: 'started', session: this.view(await this.create(userId, lab)) }
  }

  /** The stored session, with deadlines applied (a session past them is ended first). */
  async get(id: string): Promise<StoredLabSession | null> {
    const stored = await this.deps.repo.get(id)
    return stored && this.withDeadlines(stored)
  }

  async list(userId: string): Promise<StoredLabSession[]> {
    const all = await this.deps.repo.listByUser(userId, { limit: 50 })
    return Promise.all(all.map((s) => this.withDeadlines(s)))
  }

  /** The session as it stands now: an active one past a deadline is ended first. */
  private async withDeadlines(stored: StoredLabSession): Promise<StoredLabSession> {
    if (!isActive(stored)) return stored
    const reason = this.expiredReason(stored)
    return reason ? this.end(stored, 'expired', reason) : stored
  }

  view(s: StoredLabSession): SessionView {
    const lab = this.deps.catalog.get(s.labSlug)
    const live = this.live.get(s.id)
    const idleAt = (this.lastActive.get(s.id)?.atMs ?? s.lastActiveAt) + this.deps.config.idleTimeoutMs
    return {
      id: s.id, labSlug: s.labSlug, title: lab?.title ?? s.labSlug, driver: s.driver, state: s.state,
      capabilities: live?.driver.capabilities ?? null,
      createdAt: iso(s.createdAt), expiresAt: s.expiresAt === null ? null : iso(s.expiresAt), idleExpiresAt: iso(idleAt),
      canExtend: isActive(s) && (s.expiresAt ?? 0) < s.createdAt + this.deps.config.maxDurationMs,
      notice: s.notice,
      startStage: s.state === 'starting' ? this.startStages.get(s.id) ?? null : null,
    }
  }

  async reset(id: string): Promise<StoredLabSession> {
    const { stored, live } = await this.mustLive(id)
    await live.driver.reset()
    live.hub.reopen()
    this.touch(id)
    await live.saveNow()
    return stored
  }

  async extend(id: string): Promise<StoredLabSession> {
    const stored = await this.mustActive(id)
    const max = stored.createdAt + this.deps.config.maxDurationMs
    const current = stored.expiresAt ?? this.deps.host.now()
    if (current >= max) throw new SessionError('limit', 'This session has reached its maximum duration and cannot be extended.')
    const expiresAt = Math.min(max, Math.max(current, this.deps.host.now()) + this.deps.config.extendByMs)
    await this.deps.repo.update(id, { expiresAt })
    this.live.get(id)?.warned.clear()
    return { ...stored, expiresAt }
  }

  async stop(id: string): Promise<StoredLabSession> {
    const stored = await this.deps.repo.get(id)
    if (!stored) throw new SessionError('not_found', 'No such lab session.')
    return isActive(stored) ? this.end(stored, 'stopped', null) : stored
  }

  /** Attaches a terminal socket, bringing the session to life first if the server restarted. */
  async attachTerminal(id: string, ws: WebSocket, opts: { readOnly: boolean; held?: HeldMessages }): Promise<void> {
    const { live } = await this.mustLive(id)
    live.hub.attach(ws, opts)
    const notice = (await this.deps.repo.get(id))?.notice
    if (notice && !opts.readOnly) live.hub.notify('warning', notice)
  }

  async attachEvents(id: string, ws: WebSocket): Promise<void> {
    const { live } = await this.mustLive(id)
    attachEventsSocket(ws, live.events())
  }

  /** The live driver (the grader and the workbench's editor use it); revives the session if needed. */
  async driverFor(id: string): Promise<ClusterDriver> {
    return (await this.mustLive(id)).live.driver
  }

  /** The owner did something outside the terminal (saved or applied in the editor): it counts as activity for the idle timeout. */
  async markActive(id: string): Promise<void> {
    await this.mustActive(id)
    this.touch(id)
  }

  /** The live session of an active session (reviving it if needed), for grading operations. */
  async liveFor(id: string): Promise<{ stored: StoredLabSession; live: LiveSession }> {
    return this.mustLive(id)
  }

  /** Saves every live session and lets go of them; their rows stay `running`, so they revive after the restart. */
  async shutdown(): Promise<void> {
    this.closed = true
    this.deps.host.clearTimeout(this.sweepHandle)
    await Promise.allSettled([...this.reviving.values()])
    await Promise.allSettled([...this.live.values()].map((l) => l.stop()))
    this.live.clear()
    await this.deps.onShutdown?.()
  }

  private async create(userId: string, lab: LabDefinition): Promise<StoredLabSession> {
    const now = this.deps.host.now()
    const stored = await this.deps.repo.create({ userId, labSlug: lab.slug, driver: this.deps.driverName, atMs: now, expiresAt: now + this.deps.config.durationMs })
    const started = this.finishStart(stored, lab)
    const done = await this.within(started, START_REPLY_WAIT_MS)
    if (done) return done
    // A slow driver (kind) goes on starting; the learner watches its stages through GET /api/lab-sessions/:id.
    started.catch(() => undefined)
    return { ...stored, state: 'starting' }
  }

  private async finishStart(stored: StoredLabSession, lab: LabDefinition): Promise<StoredLabSession> {
    try {
      if (lab.grading && this.deps.attempts) await this.deps.attempts.createAttempt({ userId: stored.userId, labSlug: lab.slug, labSessionId: stored.id, labVersion: lab.grading.contentHash, atMs: stored.createdAt })
      await this.revive(stored)
      await this.deps.repo.update(stored.id, { state: 'running' })
      return { ...stored, state: 'running' }
    } catch (err) {
      this.deps.log.error({ err, session: stored.id }, 'lab session failed to start')
      await this.deps.repo.update(stored.id, { state: 'failed', endedAt: this.deps.host.now(), notice: `The lab could not start: ${(err as Error).message}` })
      throw new SessionError('failed', `The lab could not start: ${(err as Error).message}`)
    } finally {
      this.startStages.delete(stored.id)
    }
  }

  /** `p`'s value if it settles within `ms` (its error too), else null. */
  private within<T>(p: Promise<T>, ms: number): Promise<T | null> {
    let handle: unknown
    const timeout = new Promise<null>((resolve) => (handle = this.deps.host.setTimeout(() => resolve(null), ms)))
    return Promise.race([p, timeout]).finally(() => this.deps.host.clearTimeout(handle))
  }

  private async mustActive(id: string): Promise<StoredLabSession> {
    const stored = await this.get(id)
    if (!stored) throw new SessionError('not_found', 'No such lab session.')
    if (!isActive(stored)) throw new SessionError('ended', `This lab session has ${stored.state === 'expired' ? 'expired' : 'ended'}${stored.notice ? `: ${stored.notice.replace(/\.$/, '')}` : ''}. Start the lab again to continue.`)
    return stored
  }

  private async mustLive(id: string): Promise<{ stored: StoredLabSession; live: LiveSession }> {
    const stored = await this.mustActive(id)
    return { stored, live: this.live.get(id) ?? (await this.revive(stored)) }
  }

  /** Brings a session to life: from its snapshot when there is one, else from the lab's setup. One revival per id at a time. */
  private revive(stored: StoredLabSession): Promise<LiveSession> {
    const pending = this.reviving.get(stored.id)
    if (pending) return pending
    const p = this.build(stored).finally(() => this.reviving.delete(stored.id))
    this.reviving.set(stored.id, p)
    return p
  }

  private async build(stored: StoredLabSession): Promise<LiveSession> {
    if (this.closed) throw new SessionError('unavailable', 'The server is shutting down.')
    const lab = this.deps.catalog.get(stored.labSlug)
    if (!lab) throw new SessionError('not_found', `The lab "${stored.labSlug}" no longer exists.`)
    const driver = this.deps.createDriver()
    await this.restoreOrStart(stored, lab, driver)
    const live = new LiveSession(stored.id, driver, {
      repo: this.deps.repo, host: this.deps.host, debounceMs: this.deps.config.snapshotDebounceMs,
      onActivity: () => this.touch(stored.id),
      onSaveError: (err) => this.deps.log.error({ err, session: stored.id }, 'saving the lab session failed'),
      grading: await this.gradingFor(stored, lab),
    })
    this.live.set(stored.id, live)
    return live
  }

  /** Live progress for a graded lab's session, continuing the attempt's saved progress. */
  private async gradingFor(stored: StoredLabSession, lab: LabDefinition): Promise<LiveSessionDeps['grading']> {
    if (!lab.grading || !this.deps.attempts) return undefined
    const attempts = this.deps.attempts
    const attempt = await attempts.attemptForSession(stored.id)
    if (!attempt || attempt.status !== 'in_progress') return undefined
    return {
      lab: lab.grading.lab, initial: attempt.progress ?? undefined, debounceMs: PROGRESS_DEBOUNCE_MS,
      onProgress: (p) => void attempts.saveProgress(attempt.id, p).catch((err) => this.deps.log.error({ err, session: stored.id }, 'saving progress failed')),
    }
  }

  private async restoreOrStart(stored: StoredLabSession, lab: LabDefinition, driver: ClusterDriver): Promise<void> {
    const text = driver.restore ? await this.deps.repo.loadSnapshot(stored.id) : null
    if (text !== null && driver.restore) {
      try {
        return await driver.restore(JSON.parse(text) as Snapshot)
      } catch (err) {
        this.deps.log.info({ err: (err as Error).message, session: stored.id }, 'unreadable lab snapshot; resetting to the lab setup')
        const notice = 'Your saved lab state could not be read, so the lab was reset to its starting point.'
        await this.deps.repo.update(stored.id, { notice })
      }
    }
    await driver.start({ ...lab.spec, seed: seedOf(stored.id), mode: 'interactive', onStage: (stage) => this.startStages.set(stored.id, stage) })
  }

  private touch(id: string): void {
    const now = this.deps.host.now()
    const entry = this.lastActive.get(id) ?? { atMs: now, writtenMs: 0 }
    entry.atMs = now
    this.lastActive.set(id, entry)
    this.live.get(id)?.warned.delete('idle')
    if (now - entry.writtenMs < ACTIVITY_WRITE_MS) return
    entry.writtenMs = now
    void this.deps.repo.update(id, { lastActiveAt: now }).catch((err) => this.deps.log.error({ err, session: id }, 'recording activity failed'))
  }

  private expiry(s: StoredLabSession): Expiry {
    return { now: this.deps.host.now(), expiresAt: s.expiresAt, idleAt: (this.lastActive.get(s.id)?.atMs ?? s.lastActiveAt) + this.deps.config.idleTimeoutMs }
  }

  private expiredReason(s: StoredLabSession): string | null {
    const e = this.expiry(s)
    if (e.expiresAt !== null && e.now >= e.expiresAt) return 'The session reached its time limit.'
    if (e.now >= e.idleAt) return `The session ended after ${Math.round(this.deps.config.idleTimeoutMs / 60_000)} minutes without input.`
    return null
  }

  private async end(stored: StoredLabSession, state: 'stopped' | 'expired', notice: string | null): Promise<StoredLabSession> {
    const live = this.live.get(stored.id)
    this.live.delete(stored.id)
    if (live && notice) live.hub.notify('warning', notice)
    await live?.stop()
    const patch = { state, endedAt: this.deps.host.now(), notice }
    await this.deps.repo.update(stored.id, patch)
    this.lastActive.delete(stored.id)
    return { ...stored, ...patch }
  }

  private async activeSessions(userId: string): Promise<StoredLabSession[]> {
    const listed = await this.deps.repo.listByUser(userId, { active: true })
    const fresh = await Promise.all(listed.map((s) => this.withDeadlines(s)))
    return fresh.filter(isActive)
  }

  /** Warns live sessions near a deadline and ends those past one. */
  private async sweep(): Promise<void> {
    for (const [id, live] of [...this.live]) {
      const stored = await this.deps.repo.get(id)
      if (!stored || !isActive(stored)) continue
      const reason = this.expiredReason(stored)
      if (reason) {
        await this.end(stored, 'expired', reason)
        continue
      }
      for (const w of expiryWarnings(this.expiry(stored), this.deps.config.warnBeforeMs)) {
        if (live.warned.has(w.kind)) continue
        live.warned.add(w.kind)
        live.hub.notify('warning', w.message)
      }
    }
  }

  private armSweep(): void {
    if (this.closed) return
    this.sweepHandle = this.deps.host.setTimeout(() => {
      this.sweep()
        .catch((err) => this.deps.log.error({ err }, 'lab session sweep failed'))
        .finally(() => this.armSweep())
    }, SWEEP_MS)
  }
}

function isActive(s: StoredLabSession): boolean {
  return s.state === 'running' || s.state === 'starting'
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}

/** A stable Rng seed per session: the same session replays the same random draws. */
function seedOf(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 8), 16) || 1
}
