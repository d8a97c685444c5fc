// The kind ClusterDriver: a leased real cluster with Istio, a toolbox container for the learner, kubectl from the host for everything else.
//
// DESIGN.md "Drivers": same interface as the sim; capabilities say what a real
// cluster cannot give (no decision traces, no virtual time, no snapshots,
// metrics only through the Prometheus addon). start() leases a warm cluster,
// starts the toolbox, writes the lab's files and runs its setup there as the
// learner's shell would (`docker exec <toolbox> bash -e -c <setup>`).
import type { HostTimers } from '../../core/clock'
import type { Disposable } from '../../core/disposable'
import {
  DriverError,
  type ApplyResult,
  type ClusterDriver,
  type DriverCapabilities,
  type EnvSpec,
  type ExecOptions,
  type ExecResult,
  type HttpProbe,
  type HttpProbeResult,
  type KubeObject,
  type ListQuery,
  type MetricResult,
  type ObjRef,
  type PodRef,
  type ProbeSource,
  type TerminalSize,
  type TerminalStream,
} from '../cluster-driver'
import type { EngineEvent } from '../engine-event'
import type { ClusterPool, Lease } from './cluster-pool'
import { resetCluster } from './cluster-reset'
import type { CommandRunner, RunResult } from './command-runner'
import { curlProbeArgv, parseCurlProbe, PROBE_MARKER, probeDeadlineMs } from './curl-probe'
import { GRADER_CONTAINER, GraderPods, identityOf, type GraderIdentity } from './grader-pod'
import type { KindConfig } from './kind-config'
import { KubeClient } from './kube-client'
import { queryPrometheus } from './prometheus-query'
import { loadNodePty, openPtyTerminal, type PtyLoader } from './pty-terminal'
import { createToolbox, readToolboxFile, removeToolbox, runInToolbox, toolboxExecArgv, writeToolboxFile, type Toolbox } from './toolbox'
import { watchResources } from './watch-events'

export const KIND_CAPABILITIES: DriverCapabilities = { decisionTrace: false, virtualTime: false, snapshots: false, telemetry: false }

/** How many characters of a failed setup's output the error quotes. */
const SETUP_OUTPUT_TAIL = 2_000
/** Stages a kind start reports: lease, toolbox, files, setup. */
const KIND_START_STEPS = 4

export interface KindDriverDeps {
  readonly runner: CommandRunner
  readonly pool: ClusterPool
  readonly config: KindConfig
  /** Wall clock and timers (settle, elapsed times, watch retries). */
  readonly host: HostTimers
  /** Names the lease and the toolbox container; unique per live session. */
  readonly sessionId: string
  /** Test seam; default imports node-pty on the first terminal. */
  readonly loadPty?: PtyLoader
  /** Awaited before each start (the shared host's preflight and pool start). */
  readonly ready?: () => Promise<void>
  readonly log?: (message: string) => void
}

interface Running {
  readonly spec: EnvSpec
  readonly lease: Lease
  readonly kube: KubeClient
  readonly graders: GraderPods
  toolbox?: Toolbox
}

/** kubectl exec found no grader pod: no curl output, and the API server said NotFound. */
function graderGone(r: RunResult): boolean {
  return !r.stdout.includes(PROBE_MARKER) && /\(NotFound\): pods? "/.test(r.stderr)
}

export function createKindDriver(deps: KindDriverDeps): ClusterDriver {
  return new KindDriver(deps)
}

class KindDriver implements ClusterDriver {
  readonly name = 'kind' as const
  readonly capabilities = KIND_CAPABILITIES
  private running: Running | undefined
  private starting = false
  /** Open terminals and event streams: they end when the session does. */
  private readonly live = new Set<Disposable>()

  constructor(private readonly deps: KindDriverDeps) {}

  private get t() {
    return this.deps.config.timeouts
  }

  async start(spec: EnvSpec): Promise<void> {
    if (this.running || this.starting) throw new DriverError('invalid', 'this kind driver is already started; stop it first')
    this.starting = true
    try {
      await this.deps.ready?.()
      spec.onStage?.({ step: 1, steps: KIND_START_STEPS, label: 'Leasing a kind cluster with Istio (creating one if none is warm)' })
      const lease = await this.deps.pool.lease(this.deps.sessionId)
      const kube = new KubeClient(this.deps.runner, lease.cluster, this.t, () => this.deps.host.now())
      this.running = { spec, lease, kube, graders: new GraderPods(kube, this.deps.config.graderImage) }
      await this.prepare(this.running).catch(async (err) => {
        await this.stop()
        throw err
      })
    } finally {
      this.starting = false
    }
  }

  /** Cluster reset (learner objects and Istio config gone, demo profile reinstalled), a fresh toolbox, then the lab's files and setup again. */
  async reset(): Promise<void> {
    const run = this.mustRun()
    await this.dropToolbox(run)
    run.graders.forget()
    await resetCluster(this.deps.runner, run.lease.cluster, this.t)
    await this.prepare(run)
  }

  async stop(): Promise<void> {
    const run = this.running
    if (!run) return
    this.running = undefined
    this.closeLive()
    await this.dropToolbox(run).catch((err) => this.log(`toolbox removal failed (swept at next start): ${(err as Error).message}`))
    await this.deps.pool.release(run.lease)
  }

  dispose(): void {
    this.closeLive()
    void this.stop().catch((err) => this.log(`stop failed: ${(err as Error).message}`))
  }

  async apply(manifests: string, opts?: { namespace?: string }): Promise<ApplyResult> {
    return this.mustRun().kube.apply(manifests, opts?.namespace)
  }

  async get(ref: ObjRef): Promise<KubeObject | null> {
    return this.mustRun().kube.get(ref)
  }

  async list(q: ListQuery): Promise<KubeObject[]> {
    return this.mustRun().kube.list(q)
  }

  async exec(pod: PodRef, argv: readonly string[], opts?: ExecOptions): Promise<ExecResult> {
    if (argv.length === 0) throw new DriverError('invalid', 'exec needs a command')
    const kube = this.mustRun().kube
    const target = await kube.resolvePod(pod)
    return kube.exec(pod.namespace, target.metadata.name, argv, opts)
  }

  async probeHttp(from: ProbeSource, req: HttpProbe): Promise<HttpProbeResult> {
    const run = this.mustRun()
    const curl = curlProbeArgv(req)
    const timeoutMs = probeDeadlineMs(req)
    if (from === 'outside') {
      const r = await this.deps.runner.run(toolboxExecArgv(this.toolboxOf(run), curl, req.body !== undefined), { timeoutMs, stdin: req.body })
      return parseCurlProbe(r, 'outside the cluster (the toolbox)')
    }
    const id = identityOf(await run.kube.resolvePod(from))
    const first = await this.curlFromGrader(run, id, curl, req.body, timeoutMs)
    if (!graderGone(first.r)) return parseCurlProbe(first.r, first.where)
    run.graders.forget(id) // deleted by the learner (`kubectl delete pods --all`): create it again, once
    const again = await this.curlFromGrader(run, id, curl, req.body, timeoutMs)
    return parseCurlProbe(again.r, again.where)
  }

  private async curlFromGrader(run: Running, id: GraderIdentity, curl: string[], body: string | undefined, timeoutMs: number) {
    const grader = await run.graders.ensure(id)
    const argv = run.kube.execArgv(id.namespace, grader, curl, { container: GRADER_CONTAINER, stdin: body })
    return { r: await this.deps.runner.run(argv, { timeoutMs, stdin: body }), where: `${id.namespace}/${grader}` }
  }

  async queryMetric(promql: string): Promise<MetricResult> {
    return queryPrometheus(this.mustRun().kube, promql)
  }

  async readFile(path: string): Promise<string> {
    return readToolboxFile(this.deps.runner, this.toolboxOf(this.mustRun()), path, this.t.commandMs)
  }

  async writeFile(path: string, text: string): Promise<void> {
    return writeToolboxFile(this.deps.runner, this.toolboxOf(this.mustRun()), path, text, this.t.commandMs)
  }

  /** Nothing to cancel: `kubectl edit` in the toolbox runs the real terminal editor, never the workbench's. */
  async discardEdit(_path: string): Promise<void> {
    this.mustRun()
  }

  openTerminal(size: TerminalSize): TerminalStream {
    const tb = this.toolboxOf(this.mustRun())
    const argv = ['docker', 'exec', '-it', '-e', 'TERM=xterm-256color', tb.name, 'bash', '-l']
    const terminal = openPtyTerminal(this.deps.loadPty ?? loadNodePty, argv, size)
    this.live.add(terminal)
    return terminal
  }

  /** Real time only: waits `ms` on the host clock. */
  settle(ms: number): Promise<void> {
    if (!(ms >= 0)) return Promise.reject(new DriverError('invalid', `settle needs a non-negative duration, got ${ms}`))
    return new Promise((resolve) => this.deps.host.setTimeout(resolve, ms))
  }

  events(): AsyncIterable<EngineEvent> {
    const run = this.mustRun()
    const stream = watchResources({ runner: this.deps.runner, host: this.deps.host, kubectl: (...a) => run.kube.argv(...a), log: this.deps.log }, () => this.live.delete(stream))
    this.live.add(stream)
    return stream
  }

  private async prepare(run: Running): Promise<void> {
    const cfg = this.deps.config
    const stage = (step: number, label: string) => run.spec.onStage?.({ step, steps: KIND_START_STEPS, label })
    stage(2, 'Starting the toolbox container')
    run.toolbox = await createToolbox(this.deps.runner, { prefix: cfg.clusterPrefix, sessionId: this.deps.sessionId, cluster: run.lease.cluster, image: cfg.toolboxImage, samplesDir: cfg.samplesDir }, this.t.commandMs)
    stage(3, 'Copying the lab files')
    for (const [path, text] of Object.entries(run.spec.files ?? {})) await writeToolboxFile(this.deps.runner, run.toolbox, path, text, this.t.commandMs)
    stage(4, 'Running the lab setup')
    if (run.spec.setup?.trim()) await this.runSetup(run.toolbox, run.spec.setup)
  }

  private async runSetup(tb: Toolbox, setup: string): Promise<void> {
    const r = await runInToolbox(this.deps.runner, tb, setup, this.t.setupMs, ['-e'])
    if (r.timedOut) throw new DriverError('timeout', `lab setup did not finish within ${this.t.setupMs} ms (KIND_SETUP_TIMEOUT)`)
    if (r.exitCode !== 0) {
      const output = (r.stderr || r.stdout).trim().slice(-SETUP_OUTPUT_TAIL)
      throw new DriverError('failed', `lab setup failed with exit ${r.exitCode}${output ? `:\n${output}` : ''}`)
    }
  }

  private async dropToolbox(run: Running): Promise<void> {
    const tb = run.toolbox
    run.toolbox = undefined
    if (tb) await removeToolbox(this.deps.runner, tb, this.t.commandMs)
  }

  private closeLive(): void {
    const items = [...this.live]
    this.live.clear()
    for (const item of items) item.dispose()
  }

  private mustRun(): Running {
    if (!this.running) throw new DriverError('not-started', 'the kind driver is not started')
    return this.running
  }

  private toolboxOf(run: Running): Toolbox {
    if (!run.toolbox) throw new DriverError('not-started', 'the toolbox container is not running (the session is resetting)')
    return run.toolbox
  }

  private log(message: string): void {
    this.deps.log?.(`kind driver ${this.deps.sessionId}: ${message}`)
  }
}
