// ClusterDriver: the one interface the grader, the terminal gateway and the UI use to reach a lab cluster.
//
// DESIGN.md "Drivers": two implementations (sim, in-process; kind, real
// clusters), one shape. Consumers read `capabilities` and never branch on the
// driver's name.
import type { Disposable } from '../core/disposable'
import type { EngineEvent } from './engine-event'
import type { LoadTestResult } from '../pod-shell/tools/fortio/load-result'

export type { LoadTestBucket, LoadTestResult } from '../pod-shell/tools/fortio/load-result'

export type DriverName = 'sim' | 'kind'

/** What a driver can do beyond the common interface; the UI shows features by these. */
export interface DriverCapabilities {
  /** Every request keeps the sim's decision trace ("why did this get a 503?"). */
  readonly decisionTrace: boolean
  /** Time can run virtually (instant sleeps, reproducible grading). */
  readonly virtualTime: boolean
  /** snapshot()/restore() exist: a session survives a server restart. */
  readonly snapshots: boolean
  /** queryMetric() answers from Istio's standard metrics without the Prometheus addon. */
  readonly telemetry: boolean
}

/** What a lab environment starts from. */
/** A request that failed, and why in words (recentFailures). */
export interface FailedRequest {
  id: string
  atMs: number
  /** namespace/pod of the caller, or "outside". */
  from: string
  method: string
  authority: string
  path: string
  /** HTTP status, or 0 when no response came back (see curlExit). */
  status: number
  curlExit?: number
  responseFlags?: readonly string[]
  /** The explanation: a headline, then one numbered line per decision. */
  why: string[]
}

export interface EnvSpec {
  /** Seed for the sim's Rng (same seed, same lab, same commands: same outputs). */
  readonly seed?: number | string
  /** Shell statements run before the learner arrives (install Istio, deploy samples). */
  readonly setup?: string
  /** Files the learner starts with, by path (relative paths are under the home directory). */
  readonly files?: Readonly<Record<string, string>>
  /** `interactive` sessions run in real time; `grading` (and the CLI) on virtual time where the driver can. */
  readonly mode?: 'interactive' | 'grading'
  /** Called as start() moves through its stages, for the learner's progress bar (kind takes minutes; sim is instant). */
  readonly onStage?: (stage: StartStage) => void
}

/** One stage of a driver's start, e.g. `{ step: 2, steps: 4, label: 'Starting the toolbox container' }`. */
export interface StartStage {
  readonly step: number
  readonly steps: number
  readonly label: string
}

export interface ObjRef {
  readonly kind: string
  readonly name: string
  readonly namespace?: string
  /** Needed only when two API groups share a kind. */
  readonly apiVersion?: string
}

export interface ListQuery {
  readonly kind: string
  /** Absent: all namespaces. */
  readonly namespace?: string
  /** kubectl's label selector syntax (`app=reviews,version!=v1`). */
  readonly labelSelector?: string
}

/** A pod by name, or the first running pod a label selector matches (as the grader's checks name them). */
export interface PodRef {
  readonly namespace: string
  readonly name?: string
  readonly selector?: string
}

/** A Kubernetes object as the API returns it. */
export type KubeObject = {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown }
  [k: string]: unknown
}

export interface ApplyResult {
  /** kubectl apply's exit status: 0 when every object was accepted. */
  readonly exitCode: number
  /** kubectl's lines (`deployment.apps/reviews-v1 created`). */
  readonly stdout: string
  readonly stderr: string
}

export interface ExecOptions {
  readonly container?: string
  readonly stdin?: string
  /** Default DEFAULT_EXEC_TIMEOUT_MS; a command past it is killed and reported as exit 124. */
  readonly timeoutMs?: number
}

export interface ExecResult {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
  readonly elapsedMs: number
}

export interface HttpProbe {
  /** Absolute URL as a client would use it (`http://productpage:9080/productpage`, `http://$INGRESS/...`). */
  readonly url: string
  readonly method?: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  readonly timeoutMs?: number
  /** curl's `--resolve host:port:address` pins (a TLS request to a gateway by name). */
  readonly resolve?: readonly string[]
  /** curl's -k: certificate checks off (default true: a grader checks routing, not the learner's CA). */
  readonly insecure?: boolean
}

export interface HttpProbeResult {
  /** 0 when no HTTP response came back (curl prints 000). */
  readonly status: number
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  readonly elapsedMs: number
  /** curl's exit status for the same request (0, 6, 7, 28, 35, 52, 56). */
  readonly curlExit: number
}

/** Where a probe starts: a pod in the mesh, or outside the cluster (the learner's terminal, through the ingress). */
export type ProbeSource = PodRef | 'outside'

/** A PromQL answer in the Prometheus HTTP API's `data` shape. */
export interface MetricResult {
  readonly resultType: 'vector' | 'scalar' | 'matrix' | 'string'
  readonly result: unknown
}

/** A range query's window and resolution, on the driver's clock (epoch ms), as /api/v1/query_range takes them. */
export interface MetricRange {
  readonly startMs: number
  readonly endMs: number
  readonly stepMs: number
}

export interface TraceQuery {
  readonly limit: number
  /** Only traces with a span of this service (`reviews.default`) or calling this host (`reviews.default.svc.cluster.local`). */
  readonly service?: string
}

/** One span of a trace, placed relative to the trace's start (a waterfall row). */
export interface TraceSpanView {
  readonly spanId: string
  /** Absent on the root, and when the parent was not kept. */
  readonly parentSpanId?: string
  readonly service: string
  readonly operation: string
  readonly kind: 'client' | 'server'
  readonly startOffsetMs: number
  readonly durationMs: number
  /** The proxy's span tags (http.status_code, response_flags, upstream_cluster, error, ...). */
  readonly tags: Readonly<Record<string, string>>
}

/** A trace as a tracing UI lists it: its root, timing, status and its spans (a tree through parentSpanId). */
export interface TraceView {
  readonly traceId: string
  readonly rootService: string
  readonly rootOperation: string
  readonly startMs: number
  readonly durationMs: number
  /** error when any span carries error=true (5xx or no response). */
  readonly status: 'ok' | 'error'
  /** The root span's HTTP status (0: no response). */
  readonly statusCode: number
  /** All spans of the trace; `spans` may hold fewer. */
  readonly spanCount: number
  readonly spans: readonly TraceSpanView[]
}

export interface TerminalSize {
  readonly cols: number
  readonly rows: number
}

/** A terminal's byte streams: what xterm.js shows and sends. */
export interface TerminalStream extends Disposable {
  /** Keystrokes and pastes from the learner. */
  write(data: string): void
  resize(size: TerminalSize): void
  /** Output for the screen; returns a handle that stops listening. */
  onData(listener: (data: string) => void): Disposable
  /** The shell ended (exit, Ctrl-D) with its status. */
  onExit(listener: (code: number) => void): Disposable
  /** Repaints the prompt and line after a reconnect. */
  redraw(): void
}

/** Opaque to consumers: a driver's saved state (the sim's is JSON). */
export interface Snapshot {
  readonly schemaVersion: number
  readonly [k: string]: unknown
}

export interface ClusterDriver extends Disposable {
  readonly name: DriverName
  readonly capabilities: DriverCapabilities
  start(spec: EnvSpec): Promise<void>
  /** Back to the state right after start's setup. */
  reset(): Promise<void>
  stop(): Promise<void>
  apply(manifests: string, opts?: { namespace?: string }): Promise<ApplyResult>
  get(ref: ObjRef): Promise<KubeObject | null>
  list(q: ListQuery): Promise<KubeObject[]>
  exec(pod: PodRef, argv: readonly string[], opts?: ExecOptions): Promise<ExecResult>
  probeHttp(from: ProbeSource, req: HttpProbe): Promise<HttpProbeResult>
  queryMetric(promql: string): Promise<MetricResult>
  /**
   * PromQL at every step of a range (a matrix), for the telemetry tab's charts.
   * Optional so the kind driver can follow later (the Prometheus addon's
   * /api/v1/query_range); the sim answers from its own metrics.
   */
  queryMetricRange?(promql: string, range: MetricRange): Promise<MetricResult>
  /**
   * The most recent traces, newest first, as span trees (what Jaeger lists).
   * Optional: the sim keeps spans itself; kind would read the tracing addon.
   */
  traces?(q: TraceQuery): Promise<TraceView[]>
  /**
   * The session's last finished `fortio load` run, or null before one.
   * Optional: the sim's pod shell records it; kind's fortio runs in a real pod.
   */
  lastLoadTest?(): Promise<LoadTestResult | null>
  readFile(path: string): Promise<string>
  writeFile(path: string, text: string): Promise<void>
  /**
   * The workbench editor closed `path` without saving: a `kubectl edit`
   * waiting on it ends as if the editor quit unsaved. Optional: drivers whose
   * editor is a real one in the terminal have nothing to cancel.
   */
  discardEdit?(path: string): Promise<void>
  openTerminal(size: TerminalSize): TerminalStream
  /**
   * Lets `ms` of cluster time pass (pods start, timers fire): virtual time
   * moves at once, real time waits. Pollers (wait-until-ready, the grader's
   * latency checks) call it between looks.
   */
  settle(ms: number): Promise<void>
  /** Events from now on; ends when the driver stops or the consumer breaks out. */
  events(): AsyncIterable<EngineEvent>
  /**
   * An independent copy of the cluster at this instant, on virtual time with a
   * fixed seed, for grading without touching the learner's state (the sim).
   * Drivers without it are graded live, from a labelled grader pod (kind).
   */
  fork?(): Promise<ClusterDriver>
  /**
   * Recent failed requests (4xx, 5xx, no response), newest first, each with its decision trace in
   * words: the workbench's "why did this fail". Drivers with capabilities.decisionTrace have it.
   */
  recentFailures?(limit?: number): Promise<FailedRequest[]>
  snapshot?(): Promise<Snapshot>
  restore?(snapshot: Snapshot): Promise<void>
}

export const DEFAULT_EXEC_TIMEOUT_MS = 60_000
export const DEFAULT_PROBE_TIMEOUT_MS = 30_000

/** A consumer's mistake (unknown pod, bad selector, no driver started): the message is shown as is. */
export class DriverError extends Error {
  override name = 'DriverError'
  constructor(
    readonly code: 'not-started' | 'not-found' | 'invalid' | 'unsupported' | 'timeout' | 'failed',
    message: string,
  ) {
    super(message)
  }
}
