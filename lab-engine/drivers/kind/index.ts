// The kind driver's entry points: the factory, the availability check, and a per-process host (config, runner, one shared pool) built from the environment.
//
// One pool per process: every session's driver leases from it. The host
// starts lazily on the first driver start (preflight, orphan sweep, warm-up)
// and is shut down by the embedder (server shutdown, a test's afterAll).
import { tmpdir } from 'node:os'
import type { HostTimers } from '../../core/clock'
import { DriverError, type ClusterDriver } from '../cluster-driver'
import { ClusterPool } from './cluster-pool'
import type { CommandRunner } from './command-runner'
import { createKindDriver, type KindDriverDeps } from './kind-driver'
import { loadKindConfig, type KindConfig } from './kind-config'
import { createNodeCommandRunner } from './node-command-runner'
import { isKindAvailable } from './preflight'

export { ClusterPool, NoClusterAvailableError, type Lease, type PoolStatus } from './cluster-pool'
export { DEFAULT_MAX_OUTPUT_BYTES, TIMEOUT_EXIT_CODE, type CommandRunner, type RunOptions, type RunResult } from './command-runner'
export { createKindDriver, KIND_CAPABILITIES, type KindDriverDeps } from './kind-driver'
export { KindConfigError, loadKindConfig, type KindConfig } from './kind-config'
export { createNodeCommandRunner } from './node-command-runner'
export { isKindAvailable, type KindAvailability } from './preflight'
export { NODE_PTY_MISSING } from './pty-terminal'

export interface KindHostOptions {
  /** The host's wall clock and timers (server.ts and tests pass Date.now and setTimeout; lab-engine reads no ambient time). */
  readonly host: HostTimers
  /** Default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Where content/samples is found; default the working directory. */
  readonly repoRoot?: string
  /** Default: a real runner over node:child_process. */
  readonly runner?: CommandRunner
  readonly log?: (message: string) => void
}

/** Config, runner and the shared pool for one process. */
export class KindHost {
  readonly config: KindConfig
  readonly runner: CommandRunner
  readonly pool: ClusterPool
  private started: Promise<void> | undefined
  private nextSession = 1

  constructor(private readonly opts: KindHostOptions) {
    this.config = loadKindConfig(opts.env ?? process.env, { tmpDir: tmpdir(), repoRoot: opts.repoRoot ?? process.cwd() })
    this.runner = opts.runner ?? createNodeCommandRunner({ host: opts.host })
    this.pool = new ClusterPool({ runner: this.runner, config: this.config, host: opts.host, log: opts.log })
  }

  /** Preflight, then the pool (orphan sweep, warm-up); once per process, retried after a failure. */
  ensureStarted(): Promise<void> {
    this.started ??= this.startOnce().catch((err) => {
      this.started = undefined
      throw err
    })
    return this.started
  }

  createDriver(sessionId = `session-${this.nextSession++}`): ClusterDriver {
    const deps: KindDriverDeps = { runner: this.runner, pool: this.pool, config: this.config, host: this.opts.host, sessionId, log: this.opts.log, ready: () => this.ensureStarted() }
    return createKindDriver(deps)
  }

  /** Deletes every cluster this process created. */
  async shutdown(): Promise<void> {
    await this.pool.shutdown()
  }

  private async startOnce(): Promise<void> {
    const check = await isKindAvailable(this.runner, { istioVersion: this.config.istioVersion })
    if (!check.available) throw new DriverError('unsupported', check.reason)
    await this.pool.start()
  }
}

let shared: KindHost | undefined

/** A kind driver from KIND_* variables, on this process's shared pool (what LAB_DRIVER=kind and the conformance suite use). */
export function createKindDriverFromEnv(opts: KindHostOptions & { sessionId?: string }): ClusterDriver {
  shared ??= new KindHost(opts)
  return shared.createDriver(opts.sessionId)
}

/** Ends the shared host: its clusters are deleted. */
export async function shutdownSharedKindHost(): Promise<void> {
  const host = shared
  shared = undefined
  await host?.shutdown()
}
