// The `sim` ClusterDriver: a simulated kind cluster with Istio, in process.
//
// DESIGN.md "Drivers": instant, deterministic with a seed, safe (the terminal
// runs the engine's interpreter, never a host shell). Setup runs on virtual
// time (an `istioctl install` and rollout waits cost nothing), then the state
// is carried into the session's mode by snapshot: interactive sessions go on
// in real time (a 7 s injected delay takes 7 s), grading stays virtual. reset()
// goes back to that post-setup state.
import type { HostTimers } from '../../core/clock'
import type { Disposable } from '../../core/disposable'
import { PromQLError } from '../../telemetry/promql-lexer'
import { execInContainer } from '../../pod-shell/pod-shell'
import { createSimSession, shellClockFor, type SimSession, type SimSessionOptions, type SimSnapshot } from '../../sim/session'
import { checkSnapshot } from '../../sim/snapshot'
import { HOME_DIR, resolvePath, Shell, ShellState } from '../../shell'
import { lastLoadTest } from '../../pod-shell/tools/fortio/load-result'
import type { FailedRequest, LoadTestResult, MetricRange, TraceQuery, TraceView } from '../cluster-driver'
import { recentTraces, simQueryRange } from './sim-telemetry'
import { DEFAULT_EXEC_TIMEOUT_MS, DriverError, type ApplyResult, type ClusterDriver, type DriverCapabilities, type EnvSpec, type ExecOptions, type ExecResult, type HttpProbe, type HttpProbeResult, type KubeObject, type ListQuery, type MetricResult, type ObjRef, type PodRef, type ProbeSource, type Snapshot, type TerminalSize, type TerminalStream } from '../cluster-driver'
import type { EngineEvent } from '../engine-event'
import { EventStream } from '../event-stream'
import { sendProbe } from './http-probe'
import { resolvePodTarget } from './pod-target'
import { feedSimEvents } from './sim-events'
import { FailureLog } from './failure-log'
import { openSimTerminal } from './sim-terminal'
import { SimUiChannel } from './sim-ui-channel'
import { capped, setupFailure } from './sim-output'

export const SIM_CAPABILITIES: DriverCapabilities = { decisionTrace: true, virtualTime: true, snapshots: true, telemetry: true }
export const SIM_DRIVER_SNAPSHOT_VERSION = 1
/** The grader's copy draws from this seed: the same state grades the same way every time. */
export const GRADING_SEED = 'mesh-dojo-grader'

export interface SimDriverOptions {
  /** Wall clock and timers for interactive (real-time) sessions; server.ts passes the host's. */
  host?: HostTimers
}

interface Running {
  spec: EnvSpec
  /** The state right after setup: what reset() returns to. */
  afterSetup: SimSnapshot
  session: SimSession
  /** Runs the driver's own commands (apply), apart from the learner's shell and its `$?`. */
  shell: Shell
  feed: Disposable
  /** Interactive sessions only: failed requests with their decision traces, for the workbench. */
  failures?: FailureLog
}

export class SimDriver implements ClusterDriver {
  readonly name = 'sim' as const
  readonly capabilities = SIM_CAPABILITIES
  private running: Running | null = null
  private readonly streams = new Set<EventStream<EngineEvent>>()
  private readonly terminals = new Set<TerminalStream>()
  private readonly ui = new SimUiChannel((action) => this.broadcast({ v: 1, type: 'ui', action }))

  constructor(private readonly opts: SimDriverOptions = {}) {}

  async start(spec: EnvSpec): Promise<void> {
    if (this.running) throw new DriverError('invalid', 'the driver is already started; stop or reset it')
    if (spec.mode === 'interactive' && !this.opts.host) throw new DriverError('invalid', 'interactive sim sessions need host timers')
    spec.onStage?.({ step: 1, steps: 2, label: 'Running the lab setup' })
    const afterSetup = await this.runSetup(spec)
    spec.onStage?.({ step: 2, steps: 2, label: 'Opening the terminal' })
    this.enter(spec, afterSetup)
  }

  async reset(): Promise<void> {
    const { spec, afterSetup } = this.mustRun()
    this.leave()
    this.enter(spec, afterSetup)
  }

  async stop(): Promise<void> {
    this.leave()
    for (const s of this.streams) s.dispose()
  }

  dispose(): void {
    void this.stop()
  }

  async apply(manifests: string, opts: { namespace?: string } = {}): Promise<ApplyResult> {
    const argv = opts.namespace ? `kubectl apply -n '${opts.namespace.replace(/'/g, '')}' -f -` : 'kubectl apply -f -'
    return this.runDriverCommand(argv, manifests)
  }

  async get(ref: ObjRef): Promise<KubeObject | null> {
    const obj = this.mustRun().session.store.get(ref)
    return obj ? plainCopy(obj) : null
  }

  async list(q: ListQuery): Promise<KubeObject[]> {
    try {
      return this.mustRun().session.store.list(q).map(plainCopy)
    } catch (err) {
      throw new DriverError('invalid', (err as Error).message)
    }
  }

  async exec(pod: PodRef, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    if (argv.length === 0) throw new DriverError('invalid', 'exec needs a command')
    const { session } = this.mustRun()
    const target = resolvePodTarget(session.store, pod, opts.container)
    const clock = shellClockFor(session.clock)
    const out = capped()
    const err = capped()
    const start = clock.now()
    const code = await this.withTimeout(opts.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS, async (signal) => {
      const outcome = await execInContainer({ store: session.store, pod: target.pod, container: target.container, clock }, argv, { stdin: opts.stdin ?? '', stdout: out, stderr: err, signal })
      if (outcome.kind === 'not-found') err.write(`exec: "${outcome.program}": executable file not found in $PATH\n`)
      return outcome.kind === 'exited' ? outcome.code : 126
    })
    return { stdout: out.text, stderr: err.text, exitCode: code ?? 124, elapsedMs: clock.now() - start }
  }

  async probeHttp(from: ProbeSource, req: HttpProbe): Promise<HttpProbeResult> {
    const { session } = this.mustRun()
    const source = from === 'outside' ? 'outside' : resolvePodTarget(session.store, from)
    return sendProbe(session.store, shellClockFor(session.clock), source, req, new AbortController().signal)
  }

  async queryMetric(promql: string): Promise<MetricResult> {
    const { session } = this.mustRun()
    try {
      return session.telemetry.query(promql, session.clock.now())
    } catch (err) {
      if (err instanceof PromQLError) throw new DriverError('invalid', err.message)
      throw err
    }
  }

  async queryMetricRange(promql: string, range: MetricRange): Promise<MetricResult> {
    return simQueryRange(this.mustRun().session.telemetry, promql, range)
  }

  async traces(q: TraceQuery): Promise<TraceView[]> {
    return recentTraces(this.mustRun().session.telemetry.spans.all(), q)
  }

  async recentFailures(limit?: number): Promise<FailedRequest[]> {
    return this.mustRun().failures?.recent(limit) ?? []
  }

  async lastLoadTest(): Promise<LoadTestResult | null> {
    return lastLoadTest(this.mustRun().session.store)
  }

  async readFile(path: string): Promise<string> {
    const { session } = this.mustRun()
    const full = resolvePath(HOME_DIR, path)
    if (!session.vfs.isFile(full)) throw new DriverError('not-found', `${path}: No such file`)
    return session.vfs.readFile(full)
  }

  async writeFile(path: string, text: string): Promise<void> {
    const { session } = this.mustRun()
    const full = resolvePath(HOME_DIR, path)
    try {
      session.vfs.mkdir(full.slice(0, full.lastIndexOf('/')) || '/', { parents: true })
      session.vfs.writeFile(full, text)
    } catch (err) {
      throw new DriverError('invalid', `${path}: ${(err as Error).message}`)
    }
    this.ui.saved(full)
  }

  async discardEdit(path: string): Promise<void> {
    this.mustRun()
    this.ui.discardEdit(resolvePath(HOME_DIR, path))
  }

  openTerminal(size: TerminalSize): TerminalStream {
    const terminal = openSimTerminal(this.mustRun().session.shell, size)
    this.terminals.add(terminal)
    const dispose = terminal.dispose
    return { ...terminal, dispose: () => { this.terminals.delete(terminal); dispose() } }
  }

  async settle(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new DriverError('invalid', `settle needs a non-negative duration, got ${ms}`)
    await shellClockFor(this.mustRun().session.clock).sleep(ms)
  }

  events(): AsyncIterable<EngineEvent> {
    const stream: EventStream<EngineEvent> = new EventStream(() => this.streams.delete(stream))
    this.streams.add(stream)
    return stream
  }

  async snapshot(): Promise<Snapshot> {
    const { spec, session } = this.mustRun()
    return { schemaVersion: SIM_DRIVER_SNAPSHOT_VERSION, spec, state: session.snapshot() }
  }

  async restore(snapshot: Snapshot): Promise<void> {
    if (snapshot.schemaVersion !== SIM_DRIVER_SNAPSHOT_VERSION) throw new DriverError('invalid', `sim snapshot version ${snapshot.schemaVersion} is not ${SIM_DRIVER_SNAPSHOT_VERSION}`)
    const { spec, state: raw } = snapshot as unknown as { spec: EnvSpec; state: unknown }
    let state: SimSnapshot
    try {
      state = checkSnapshot(raw)
    } catch (err) {
      throw new DriverError('invalid', (err as Error).message)
    }
    const afterSetup = await this.runSetup(spec)
    this.leave()
    this.enter(spec, afterSetup, state)
  }

  async fork(): Promise<SimDriver> {
    const { spec, afterSetup, session } = this.mustRun()
    // Envoy counters are synced from the data plane when read; the copy must see them even if the learner never looked.
    session.syncProxyStats()
    const copy = new SimDriver()
    copy.enter({ ...spec, mode: 'grading' }, afterSetup, session.snapshot(), { telemetry: session.telemetry.fork(), reseed: GRADING_SEED })
    return copy
  }

  /** The session for in-process consumers that need more than the interface (the CLI, tests). */
  get session(): SimSession {
    return this.mustRun().session
  }

  private async runSetup(spec: EnvSpec): Promise<SimSnapshot> {
    const session = createSimSession({ seed: spec.seed ?? 1, files: spec.files, startMs: this.opts.host?.now() })
    try {
      const results = spec.setup ? await session.run(spec.setup) : []
      const failed = results.find((r) => r.exitCode !== 0)
      if (failed) throw new DriverError('failed', setupFailure(failed))
      return session.snapshot()
    } finally {
      session.dispose()
    }
  }

  private enter(spec: EnvSpec, afterSetup: SimSnapshot, state: SimSnapshot = afterSetup, extra: Pick<SimSessionOptions, 'telemetry' | 'reseed'> = {}): void {
    const mode = spec.mode === 'interactive' ? 'realtime' : 'virtual'
    const session = createSimSession({ seed: spec.seed ?? 1, mode, host: this.opts.host, ui: this.ui, restore: state, ...extra })
    const shell = new Shell({ vfs: session.vfs, registry: session.shell.registry, clock: session.shell.clock, state: ShellState.initial() })
    const feed = feedSimEvents(session, (e) => this.broadcast(e), mode === 'realtime' ? this.opts.host : undefined)
    const failures = mode === 'realtime' ? new FailureLog(session.network) : undefined
    this.running = { spec, afterSetup, session, shell, feed, failures }
  }

  /** Ends the current session; open terminals end with it (their onExit listeners are not called: the gateway reopens). */
  private leave(): void {
    if (!this.running) return
    for (const t of [...this.terminals]) t.dispose()
    this.running.feed.dispose()
    this.running.failures?.dispose()
    this.running.session.dispose()
    this.running = null
  }

  private mustRun(): Running {
    if (!this.running) throw new DriverError('not-started', 'the sim driver is not started')
    return this.running
  }

  private broadcast(event: EngineEvent): void {
    for (const s of this.streams) s.push(event)
  }

  private async runDriverCommand(line: string, stdin: string): Promise<ApplyResult> {
    const { shell } = this.mustRun()
    const out = capped()
    const err = capped()
    const exitCode = await shell.run(line, { stdin, stdout: out, stderr: err })
    return { exitCode, stdout: out.text, stderr: err.text }
  }

  /** Runs body with a signal that aborts after `ms` of session time; resolves undefined on timeout. */
  private async withTimeout<T>(ms: number, body: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
    const clock = this.mustRun().session.clock
    const ctl = new AbortController()
    const timer = clock.setTimer(ms, () => ctl.abort(new DriverError('timeout', `command timed out after ${ms} ms`)), 'driver exec timeout')
    try {
      const value = await body(ctl.signal)
      return ctl.signal.aborted ? undefined : value
    } finally {
      timer.dispose()
    }
  }
}

/** A mutable copy for consumers; the store's objects are frozen. */
function plainCopy(obj: object): KubeObject {
  return structuredClone(obj) as unknown as KubeObject
}
