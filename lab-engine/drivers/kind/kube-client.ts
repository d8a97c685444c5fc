// KubeClient: kubectl from the host against one leased cluster — apply, get, list, pod lookup, exec, raw API reads.
//
// kubectl's own behaviour is the contract: `get` of a missing object exits 1
// with `Error from server (NotFound)`; `exec` exits with the remote command's
// status; a resource may be named `kind.version.group` when two API groups
// share a kind.
import { DEFAULT_EXEC_TIMEOUT_MS, DriverError, type ApplyResult, type ExecOptions, type ExecResult, type KubeObject, type ListQuery, type ObjRef, type PodRef } from '../cluster-driver'
import { commandError, TIMEOUT_EXIT_CODE, type CommandRunner, type RunResult } from './command-runner'
import { kubectlArgv, type KindCluster } from './cluster-commands'
import type { KindTimeouts } from './kind-config'

const NOT_FOUND_RE = /\(NotFound\)|not found/
/** Kubernetes names, kinds and namespaces never start with a dash; one that does would be read as a kubectl flag. */
const FLAG_LIKE_RE = /^-|\s/
const UNKNOWN_TYPE_RE = /doesn't have a resource type|no matches for kind/

export class KubeClient {
  constructor(
    private readonly runner: CommandRunner,
    readonly cluster: KindCluster,
    private readonly t: KindTimeouts,
    /** Wall clock for elapsedMs. */
    private readonly now: () => number,
  ) {}

  argv(...args: string[]): string[] {
    return kubectlArgv(this.cluster, ...args)
  }

  async apply(manifests: string, namespace?: string): Promise<ApplyResult> {
    const argv = this.argv('apply', '-f', '-', ...(namespace ? ['-n', token(namespace, 'namespace')] : []))
    const r = await this.runner.run(argv, { timeoutMs: this.t.commandMs, stdin: manifests })
    if (r.timedOut) throw commandError('kubectl apply', argv, r, this.t.commandMs)
    return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }
  }

  async get(ref: ObjRef): Promise<KubeObject | null> {
    const ns = ref.namespace ? ['-n', token(ref.namespace, 'namespace')] : []
    const argv = this.argv('get', resourceArg(ref.kind, ref.apiVersion), token(ref.name, 'name'), ...ns, '-o', 'json')
    const r = await this.runner.run(argv, { timeoutMs: this.t.commandMs })
    if (r.exitCode !== 0 && !r.timedOut && NOT_FOUND_RE.test(r.stderr) && !UNKNOWN_TYPE_RE.test(r.stderr)) return null
    return JSON.parse(this.checked(r, argv, `get ${ref.kind} ${ref.name}`)) as KubeObject
  }

  async list(q: ListQuery): Promise<KubeObject[]> {
    const scope = q.namespace ? ['-n', token(q.namespace, 'namespace')] : ['--all-namespaces']
    const argv = this.argv('get', resourceArg(q.kind), ...scope, ...(q.labelSelector ? [`--selector=${q.labelSelector}`] : []), '-o', 'json')
    const r = await this.runner.run(argv, { timeoutMs: this.t.commandMs })
    const list = JSON.parse(this.checked(r, argv, `list ${q.kind}`)) as { items?: KubeObject[] }
    return list.items ?? []
  }

  /** The named pod, or the first running pod (by name) the selector matches, as the grader's checks name pods. */
  async resolvePod(ref: PodRef): Promise<KubeObject> {
    if (ref.name) {
      const pod = await this.get({ kind: 'Pod', name: ref.name, namespace: ref.namespace })
      if (!pod) throw new DriverError('not-found', `pod ${ref.namespace}/${ref.name} not found`)
      return pod
    }
    if (!ref.selector) throw new DriverError('invalid', 'a pod reference needs a name or a label selector')
    const argv = this.argv('get', 'pods', '-n', token(ref.namespace, 'namespace'), `--selector=${ref.selector}`, '--field-selector=status.phase=Running', '-o', 'json')
    const r = await this.runner.run(argv, { timeoutMs: this.t.commandMs })
    const items = ((JSON.parse(this.checked(r, argv, 'find pod')) as { items?: KubeObject[] }).items ?? []).filter((p) => !p.metadata.deletionTimestamp)
    const pod = items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0]
    if (!pod) throw new DriverError('not-found', `no running pod in ${ref.namespace} matches ${ref.selector}`)
    return pod
  }

  /** kubectl exec; past the deadline the command is killed and the result is exit 124, as ExecOptions says. */
  async exec(namespace: string, pod: string, argv: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
    const timeoutMs = opts.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS
    const cmd = this.execArgv(namespace, pod, argv, opts)
    const started = this.now()
    const r = await this.runner.run(cmd, { timeoutMs, stdin: opts.stdin })
    const stderr = r.timedOut ? `${r.stderr}command timed out after ${timeoutMs} ms\n` : r.stderr
    return { stdout: r.stdout, stderr, exitCode: r.timedOut ? TIMEOUT_EXIT_CODE : r.exitCode, elapsedMs: this.now() - started }
  }

  execArgv(namespace: string, pod: string, argv: readonly string[], opts: Pick<ExecOptions, 'container' | 'stdin'> = {}): string[] {
    const flags = [...(opts.stdin !== undefined ? ['-i'] : []), '-n', token(namespace, 'namespace'), token(pod, 'pod'), ...(opts.container ? ['-c', token(opts.container, 'container')] : [])]
    return this.argv('exec', ...flags, '--', ...argv)
  }

  /** `kubectl get --raw <path>`: the API server's answer, or the RunResult when it failed (callers read its stderr). */
  async getRaw(path: string): Promise<RunResult> {
    return this.runner.run(this.argv('get', '--raw', path), { timeoutMs: this.t.commandMs })
  }

  async waitPodReady(namespace: string, pod: string, timeoutMs: number): Promise<void> {
    const argv = this.argv('wait', '--for=condition=Ready', `pod/${pod}`, '-n', namespace, `--timeout=${Math.ceil(timeoutMs / 1000)}s`)
    const r = await this.runner.run(argv, { timeoutMs: timeoutMs + this.t.commandMs })
    this.checked(r, argv, `wait for pod ${namespace}/${pod}`)
  }

  private checked(r: RunResult, argv: readonly string[], what: string): string {
    if (r.timedOut || r.exitCode !== 0) {
      if (UNKNOWN_TYPE_RE.test(r.stderr)) throw new DriverError('invalid', `${what}: ${r.stderr.trim()}`)
      throw commandError(what, argv, r, this.t.commandMs)
    }
    return r.stdout
  }
}

/** A name, kind or namespace as one argv element; DriverError 'invalid' when kubectl would read it as a flag. */
function token(value: string, what: string): string {
  if (!value || FLAG_LIKE_RE.test(value)) throw new DriverError('invalid', `bad ${what}: ${JSON.stringify(value)}`)
  return value
}

/** `kind.version.group` for kubectl when the API version is given (`virtualservice.v1.networking.istio.io`), else the kind. */
export function resourceArg(kind: string, apiVersion?: string): string {
  const k = token(kind, 'kind').toLowerCase()
  if (!apiVersion || !apiVersion.includes('/')) return k
  const [group, version] = apiVersion.split('/')
  return `${k}.${version}.${group}`
}
