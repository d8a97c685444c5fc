// kubectl logs: a container's lines from the pod log buffers, for a pod, TYPE/NAME or a label selector.
//
// Follows k8s.io/kubectl/pkg/cmd/logs/logs.go (kubectl 1.33): the default
// container with `Defaulted container ...` when the pod has several; `Found N
// pods, using pod/x` for TYPE/NAME; --tail defaults to all lines, or 10 with -l;
// `No resources found in <ns> namespace.` when -l matches nothing. Server-side
// errors follow the kubelet: `container "x" in pod "y" is waiting to start:
// ContainerCreating`, `previous terminated container "x" in pod "y" not found`.
// -f follows until Ctrl-C in real time; virtual sessions (CLI, grading) print
// what exists and exit 0, since nothing would ever end the wait. --since keeps
// lines newer than a Go duration.

import { ApiError } from '../../cluster/api-error'
import { containerStartedAt, podLogsFor, type LogEntry } from '../../cluster/pod-logs'
import type { KubeObject } from '../../cluster/types'
import type { ContainerSpec } from '../../pod-shell/pod-env'
import { attachablePod, containerByName, defaultContainer, initContainers, podContainers } from './attachable-pod'
import { KubectlError, type Verb, type VerbContext } from './context'
import { bool, flag } from './flags'

const USAGE_ERROR = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples"
/** kubectl's --max-log-requests default: concurrent follows with -l. */
const MAX_LOG_REQUESTS = 5

export const logsVerb: Verb = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', value: true },
    { name: 'follow', short: 'f' },
    { name: 'previous', short: 'p' },
    { name: 'tail', value: true },
    { name: 'selector', short: 'l', value: true },
    { name: 'all-containers' },
    { name: 'timestamps' },
    { name: 'prefix' },
    { name: 'since', value: true },
    { name: 'max-log-requests', value: true },
    { name: 'pod-running-timeout', value: true },
    { name: 'ignore-errors' },
  ],
  async run(ctx) {
    const selector = flag(ctx.flags, 'selector')
    const args = ctx.flags.args
    if (selector === undefined && args.length === 0) throw new KubectlError(USAGE_ERROR)
    if (selector !== undefined && args.length > 0) throw new KubectlError("only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples")
    if (args.length > 2) throw new KubectlError(USAGE_ERROR)
    const tail = parseTail(flag(ctx.flags, 'tail'), selector !== undefined)
    const pods = selector !== undefined ? selectedPods(ctx, selector) : [await singlePod(ctx, args[0]!)]
    if (pods.length === 0) { ctx.err(`No resources found in ${ctx.namespace} namespace.\n`); return 0 }
    const follow = bool(ctx.flags, 'follow')
    if (follow && pods.length > MAX_LOG_REQUESTS) throw new KubectlError(`you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${MAX_LOG_REQUESTS}, use --max-log-requests to increase the limit`)
    const streams = pods.flatMap((pod) => containersFor(ctx, pod, args[1]).map((c) => ({ pod, container: c })))
    for (const s of streams) checkReadable(ctx, s.pod, s.container)
    const prefix = bool(ctx.flags, 'prefix')
    const logs = podLogsFor(ctx.env.store, () => ctx.env.clock.now())
    const sinceMs = parseSince(flag(ctx.flags, 'since'))
    const from = sinceMs === undefined ? -Infinity : ctx.env.clock.now() - sinceMs
    for (const s of streams) {
      const entries = logs.read(s.pod.metadata.uid, s.container.name).filter((e) => e.time >= from)
      for (const e of tail < 0 ? entries : entries.slice(Math.max(0, entries.length - tail))) ctx.out(format(ctx, e, prefix ? `[pod/${s.pod.metadata.name}/${s.container.name}] ` : ''))
    }
    if (!follow || ctx.env.mode === 'virtual') return 0
    return followStreams(ctx, streams, prefix)
  },
}

function parseTail(raw: string | undefined, selector: boolean): number {
  if (raw === undefined) return selector ? 10 : -1
  if (!/^-?\d+$/.test(raw)) throw new KubectlError(`invalid argument "${raw}" for "--tail" flag: strconv.ParseInt: parsing "${raw}": invalid syntax\nSee 'kubectl logs --help' for usage.`)
  return Number(raw)
}

const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** --since takes a Go duration (`10s`, `5m`, `1h30m`); errors read as pflag prints time.ParseDuration's. */
function parseSince(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const bad = (why: string) => new KubectlError(`invalid argument "${raw}" for "--since" flag: time: ${why} "${raw}"\nSee 'kubectl logs --help' for usage.`)
  if (raw === '0') return undefined
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(raw)) throw bad(/^\d+(\.\d+)?$/.test(raw) ? 'missing unit in duration' : 'invalid duration')
  let total = 0
  for (const m of raw.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * GO_UNITS[m[2]!]!
  return total
}

async function singlePod(ctx: VerbContext, arg: string): Promise<KubeObject> {
  const { pod, candidates } = await attachablePod(ctx, arg, 20_000)
  if (candidates > 1) ctx.err(`Found ${candidates} pods, using pod/${pod.metadata.name}\n`)
  return pod
}

function selectedPods(ctx: VerbContext, selector: string): KubeObject[] {
  return ctx.env.store.list({ kind: 'Pod', namespace: ctx.namespace, labelSelector: selector })
}

function containersFor(ctx: VerbContext, pod: KubeObject, positional: string | undefined): ContainerSpec[] {
  if (bool(ctx.flags, 'all-containers')) return [...initContainers(pod), ...podContainers(pod)]
  const name = flag(ctx.flags, 'container') ?? positional
  if (name === undefined) return [defaultContainer(ctx, pod, { verb: 'logs' })]
  const c = containerByName(pod, name)
  if (!c) throw new KubectlError(`container ${name} is not valid for pod ${pod.metadata.name}`)
  return [c]
}

function checkReadable(ctx: VerbContext, pod: KubeObject, c: ContainerSpec): void {
  const where = `container "${c.name}" in pod "${pod.metadata.name}"`
  if (bool(ctx.flags, 'previous')) throw new ApiError('BadRequest', `previous terminated ${where} not found`)
  if (containerStartedAt(pod, c.name) !== undefined) return
  const isInit = initContainers(pod).some((i) => i.name === c.name)
  const reason = isInit ? 'PodInitializing' : waitingReason(pod, c.name)
  throw new ApiError('BadRequest', `${where} is waiting to start: ${reason}`)
}

function waitingReason(pod: KubeObject, name: string): string {
  const statuses = (pod.status as { containerStatuses?: { name: string; state?: { waiting?: { reason?: string } } }[] } | undefined)?.containerStatuses
  return statuses?.find((s) => s.name === name)?.state?.waiting?.reason ?? 'ContainerCreating'
}

/** `2026-01-01T00:00:01.500000000Z line` with --timestamps (RFC 3339 with nanoseconds, as the kubelet writes). */
function format(ctx: VerbContext, e: LogEntry, prefix: string): string {
  const stamp = bool(ctx.flags, 'timestamps') ? new Date(e.time).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z') + ' ' : ''
  return `${prefix}${stamp}${e.line}\n`
}

/** Real time: new lines as they are appended, until Ctrl-C (130) or until every followed pod is gone (0). */
async function followStreams(ctx: VerbContext, streams: { pod: KubeObject; container: ContainerSpec }[], prefix: boolean): Promise<number> {
  const logs = podLogsFor(ctx.env.store, () => ctx.env.clock.now())
  const subs = streams.map((s) => logs.follow(s.pod.metadata.uid, s.container.name, (e) => ctx.out(format(ctx, e, prefix ? `[pod/${s.pod.metadata.name}/${s.container.name}] ` : ''))))
  const live = new Set(streams.map((s) => s.pod.metadata.uid))
  let watch: { dispose(): void } | undefined
  try {
    const ended = await new Promise<'aborted' | 'gone'>((resolve) => {
      if (ctx.shell.signal.aborted) return resolve('aborted')
      ctx.shell.signal.addEventListener('abort', () => resolve('aborted'), { once: true })
      watch = ctx.env.store.watch((ev) => {
        if (ev.type === 'DELETED' && live.delete(ev.object.metadata.uid) && live.size === 0) resolve('gone')
      }, { kind: 'Pod' })
    })
    return ended === 'aborted' ? 130 : 0
  } finally {
    watch?.dispose()
    for (const s of subs) s.dispose()
  }
}
