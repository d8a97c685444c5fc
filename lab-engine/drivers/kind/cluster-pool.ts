// Cluster pool: keeps N warm kind clusters, leases one per session, resets or deletes it on release, refills, expires and health-checks.
//
// Leasing is concurrency-safe because the choice is made synchronously (no
// await between finding a cluster and marking it taken). A lease takes a ready
// cluster, else claims one still warming, else starts one if under
// KIND_MAX_CLUSTERS, else fails with NoClusterAvailableError. A cluster whose
// delete failed drops out of the pool's books and is swept as an orphan on the
// next maintenance pass, like clusters left by an earlier process at start.
import { mkdir, rm } from 'node:fs/promises'
import type { HostTimers } from '../../core/clock'
import type { Disposable } from '../../core/disposable'
import { DriverError } from '../cluster-driver'
import { runOk, type CommandRunner } from './command-runner'
import { GET_CLUSTERS_ARGV, kindCluster, parseClusterNames, poolClusterName, poolClusterNumber, type KindCluster } from './cluster-commands'
import { deleteCluster, isClusterHealthy, warmCluster } from './cluster-lifecycle'
import { resetCluster } from './cluster-reset'
import type { KindConfig } from './kind-config'
import { removeOrphanToolboxes } from './toolbox'

export interface PoolFiles {
  ensureDir(path: string): Promise<void>
  remove(path: string): Promise<void>
}

export interface ClusterPoolDeps {
  readonly runner: CommandRunner
  readonly config: KindConfig
  /** Wall clock for TTLs and the maintenance timer. */
  readonly host: HostTimers
  readonly log?: (message: string) => void
  /** The state directory and kubeconfig files; default node:fs. */
  readonly files?: PoolFiles
}

export interface Lease {
  readonly sessionId: string
  readonly cluster: KindCluster
}

export interface PoolStatus {
  readonly warming: number
  readonly ready: number
  readonly leased: number
  readonly busy: number
  readonly total: number
}

type EntryState = 'warming' | 'ready' | 'leased' | 'releasing' | 'deleting'

interface Entry {
  readonly cluster: KindCluster
  readonly createdAtMs: number
  state: EntryState
  claimedBy?: string
  warm?: Promise<void>
}

export class NoClusterAvailableError extends DriverError {
  constructor(max: number) {
    super('failed', `no cluster available: all ${max} kind clusters are in use (KIND_MAX_CLUSTERS=${max}); try again when another session ends`)
  }
}

const NODE_FILES: PoolFiles = {
  ensureDir: async (p) => void (await mkdir(p, { recursive: true })),
  remove: (p) => rm(p, { force: true }),
}

export class ClusterPool implements Disposable {
  private readonly entries = new Map<string, Entry>()
  private readonly inflight = new Set<Promise<unknown>>()
  private nextNumber = 1
  private timer: unknown
  private sweeping: Promise<void> | undefined
  private disposed = false

  constructor(private readonly deps: ClusterPoolDeps) {}

  private get cfg(): KindConfig {
    return this.deps.config
  }

  /** Removes clusters and toolboxes an earlier process left, starts warming the pool and the maintenance timer. */
  async start(): Promise<void> {
    await (this.deps.files ?? NODE_FILES).ensureDir(this.cfg.stateDir)
    await this.removeOrphanClusters()
    const gone = await removeOrphanToolboxes(this.deps.runner, this.cfg.clusterPrefix, new Set(), this.cfg.timeouts.commandMs)
    if (gone.length) this.log(`removed orphan toolbox containers: ${gone.join(', ')}`)
    this.fill()
    this.schedule()
  }

  /** A cluster for one session; waits while a claimed cluster warms up. */
  async lease(sessionId: string): Promise<Lease> {
    if (this.disposed) throw new DriverError('failed', 'the kind cluster pool is shut down')
    const entry = this.pick(sessionId)
    this.fill()
    if (entry.state === 'warming') await entry.warm
    entry.state = 'leased'
    return { sessionId, cluster: entry.cluster }
  }

  /** Gives a cluster back: reset for reuse, or delete (mode delete, past its TTL, or a failed reset); then refills. */
  async release(lease: Lease, mode: KindConfig['releaseMode'] = this.cfg.releaseMode): Promise<void> {
    const entry = this.entries.get(lease.cluster.name)
    if (!entry || entry.state !== 'leased' || entry.claimedBy !== lease.sessionId) return
    entry.state = 'releasing'
    entry.claimedBy = undefined
    const keep = mode === 'reset' && !this.expired(entry) && (await this.tryReset(entry))
    if (keep) entry.state = 'ready'
    else await this.destroy(entry)
    this.fill()
  }

  /** One maintenance pass: expire and health-check idle clusters, sweep orphans, refill. */
  maintain(): Promise<void> {
    this.sweeping ??= this.sweep().finally(() => (this.sweeping = undefined))
    return this.sweeping
  }

  status(): PoolStatus {
    const n = (...s: EntryState[]) => [...this.entries.values()].filter((e) => s.includes(e.state)).length
    return { warming: n('warming'), ready: n('ready'), leased: n('leased'), busy: n('releasing', 'deleting'), total: this.entries.size }
  }

  /** Settles once every warm-up and delete started so far has finished. */
  async whenIdle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight])
  }

  /** Stops maintenance and deletes every cluster, leased ones included (server shutdown). */
  async shutdown(): Promise<void> {
    this.dispose()
    await this.whenIdle()
    await Promise.all([...this.entries.values()].map((e) => this.destroy(e)))
  }

  dispose(): void {
    this.disposed = true
    if (this.timer !== undefined) this.deps.host.clearTimeout(this.timer)
    this.timer = undefined
  }

  private pick(sessionId: string): Entry {
    const ready = this.find((e) => e.state === 'ready')
    if (ready) return this.claim(ready, sessionId)
    const warming = this.find((e) => e.state === 'warming' && !e.claimedBy)
    if (warming) return this.claim(warming, sessionId)
    if (this.entries.size < this.cfg.maxClusters) return this.claim(this.create(), sessionId)
    throw new NoClusterAvailableError(this.cfg.maxClusters)
  }

  private claim(entry: Entry, sessionId: string): Entry {
    entry.claimedBy = sessionId
    if (entry.state === 'ready') entry.state = 'leased'
    return entry
  }

  private find(pred: (e: Entry) => boolean): Entry | undefined {
    return [...this.entries.values()].find(pred)
  }

  /** Starts clusters until poolSize are spare (warming or ready, unclaimed), within maxClusters. */
  private fill(): void {
    if (this.disposed) return
    while (this.spare() < this.cfg.poolSize && this.entries.size < this.cfg.maxClusters) this.create()
  }

  private spare(): number {
    return [...this.entries.values()].filter((e) => !e.claimedBy && ['warming', 'ready'].includes(e.state)).length
  }

  private create(): Entry {
    const cluster = kindCluster(poolClusterName(this.cfg.clusterPrefix, this.nextNumber++), this.cfg.stateDir)
    const entry: Entry = { cluster, createdAtMs: this.deps.host.now(), state: 'warming' }
    this.entries.set(cluster.name, entry)
    entry.warm = this.track(this.warmUp(entry))
    entry.warm.catch(() => undefined) // a claimed entry's lease sees the error; an unclaimed one is only logged
    return entry
  }

  private async warmUp(entry: Entry): Promise<void> {
    try {
      await warmCluster(this.deps.runner, entry.cluster, this.cfg)
      if (!entry.claimedBy) entry.state = 'ready'
      this.log(`cluster ${entry.cluster.name} is warm`)
    } catch (err) {
      this.log(`cluster ${entry.cluster.name} failed to warm up: ${(err as Error).message}`)
      await this.destroy(entry)
      throw err
    }
  }

  private async tryReset(entry: Entry): Promise<boolean> {
    try {
      await resetCluster(this.deps.runner, entry.cluster, this.cfg.timeouts)
      return await isClusterHealthy(this.deps.runner, entry.cluster, this.cfg.timeouts.commandMs)
    } catch (err) {
      this.log(`reset of ${entry.cluster.name} failed, deleting it: ${(err as Error).message}`)
      return false
    }
  }

  private destroy(entry: Entry): Promise<void> {
    entry.state = 'deleting'
    return this.track(this.deleteNow(entry))
  }

  private async deleteNow(entry: Entry): Promise<void> {
    try {
      await deleteCluster(this.deps.runner, entry.cluster, this.cfg.timeouts.deleteMs)
      await (this.deps.files ?? NODE_FILES).remove(entry.cluster.kubeconfig)
    } catch (err) {
      this.log(`delete of ${entry.cluster.name} failed (swept as an orphan later): ${(err as Error).message}`)
    } finally {
      this.entries.delete(entry.cluster.name)
    }
  }

  private expired(entry: Entry): boolean {
    return this.deps.host.now() - entry.createdAtMs >= this.cfg.clusterTtlMs
  }

  private async sweep(): Promise<void> {
    const idle = [...this.entries.values()].filter((e) => e.state === 'ready')
    await Promise.all(idle.map((e) => this.check(e)))
    try {
      await this.removeOrphanClusters()
    } catch (err) {
      this.log(`orphan sweep failed: ${(err as Error).message}`)
    }
    this.fill()
  }

  private async check(entry: Entry): Promise<void> {
    if (this.expired(entry)) {
      this.log(`cluster ${entry.cluster.name} passed its TTL, deleting it`)
      return this.destroy(entry)
    }
    // The cluster stays leasable during the check; one leased meanwhile is its session's now.
    const healthy = await isClusterHealthy(this.deps.runner, entry.cluster, this.cfg.timeouts.commandMs)
    if (healthy || entry.state !== 'ready') return
    this.log(`cluster ${entry.cluster.name} failed its health check, replacing it`)
    await this.destroy(entry)
  }

  /** Deletes `<prefix>-<n>` clusters the pool does not know; numbering continues past every existing one. */
  private async removeOrphanClusters(): Promise<void> {
    const out = await runOk(this.deps.runner, GET_CLUSTERS_ARGV, { timeoutMs: this.cfg.timeouts.commandMs }, 'list kind clusters')
    const orphans: KindCluster[] = []
    for (const name of parseClusterNames(out)) {
      const n = poolClusterNumber(this.cfg.clusterPrefix, name)
      if (n === undefined) continue
      this.nextNumber = Math.max(this.nextNumber, n + 1)
      if (!this.entries.has(name)) orphans.push(kindCluster(name, this.cfg.stateDir))
    }
    if (orphans.length) this.log(`deleting orphan clusters: ${orphans.map((c) => c.name).join(', ')}`)
    await Promise.all(orphans.map((c) => deleteCluster(this.deps.runner, c, this.cfg.timeouts.deleteMs)))
  }

  private schedule(): void {
    if (this.disposed) return
    this.timer = this.deps.host.setTimeout(() => {
      this.timer = undefined
      this.maintain()
        .catch((err) => this.log(`maintenance failed: ${(err as Error).message}`))
        .finally(() => this.schedule())
    }, this.cfg.healthIntervalMs)
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p)
    const done = () => void this.inflight.delete(p)
    p.then(done, done)
    return p
  }

  private log(message: string): void {
    this.deps.log?.(`kind pool: ${message}`)
  }
}
