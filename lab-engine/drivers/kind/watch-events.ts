// Watch events: `kubectl get <resource> --watch-only --output-watch-events -o json`, one process per resource, mapped to `resource` EngineEvents.
//
// kubectl watches one resource type per process ("you may only specify a
// single resource type"), so the driver runs one per kind the workbench
// shows. A watch the API server closes (its watch timeout) is reopened; one
// that fails at once (a CRD not installed yet) is retried after a longer pause.
import type { HostTimers } from '../../core/clock'
import type { Disposable } from '../../core/disposable'
import type { EngineEvent, ResourceChange } from '../engine-event'
import { EventStream } from '../event-stream'
import type { CommandRunner } from './command-runner'
import { GRADER_APP } from './grader-pod'
import { JsonObjectSplitter } from './json-stream'

/** What the live graph and the workbench show. */
export const WATCHED_RESOURCES = [
  'pods',
  'services',
  'deployments.apps',
  'virtualservices.networking.istio.io',
  'destinationrules.networking.istio.io',
  'gateways.networking.istio.io',
  'serviceentries.networking.istio.io',
  'peerauthentications.security.istio.io',
  'authorizationpolicies.security.istio.io',
]

/** Reopen at once after a long watch ends; wait this long after one that failed quickly. */
export const WATCH_RETRY_MS = 10_000
const QUICK_FAILURE_MS = 5_000

const CHANGES: Record<string, ResourceChange> = { ADDED: 'added', MODIFIED: 'modified', DELETED: 'deleted' }

interface WatchEvent {
  type?: string
  object?: { kind?: string; apiVersion?: string; metadata?: { name?: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string> } }
}

export function watchArgv(kubectl: (...args: string[]) => string[], resource: string): string[] {
  return kubectl('get', resource, '--all-namespaces', '--watch-only', '--output-watch-events', '-o', 'json')
}

/** A watch event as a `resource` EngineEvent; BOOKMARK, ERROR and the grader's own pods give none. */
export function toEngineEvent(raw: unknown): EngineEvent | undefined {
  const ev = raw as WatchEvent
  const change = CHANGES[ev.type ?? '']
  const o = ev.object
  if (!change || !o?.kind || !o.metadata?.name || o.metadata.labels?.app === GRADER_APP) return undefined
  return {
    v: 1,
    type: 'resource',
    change,
    kind: o.kind,
    apiVersion: o.apiVersion ?? '',
    ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    name: o.metadata.name,
    resourceVersion: o.metadata.resourceVersion ?? '',
  }
}

export interface WatchDeps {
  readonly runner: CommandRunner
  readonly host: HostTimers
  readonly kubectl: (...args: string[]) => string[]
  readonly resources?: readonly string[]
  readonly log?: (message: string) => void
}

/** One consumer's event stream; disposing it (or the consumer breaking out) kills its kubectl processes. */
export function watchResources(deps: WatchDeps, onClose: () => void = () => undefined): EventStream<EngineEvent> & Disposable {
  const ac = new AbortController()
  const stream = new EventStream<EngineEvent>(() => {
    ac.abort()
    onClose()
  })
  for (const resource of deps.resources ?? WATCHED_RESOURCES) void keepWatching(deps, resource, ac.signal, (e) => stream.push(e))
  return stream
}

async function keepWatching(deps: WatchDeps, resource: string, signal: AbortSignal, push: (e: EngineEvent) => void): Promise<void> {
  while (!signal.aborted) {
    const started = deps.host.now()
    const splitter = new JsonObjectSplitter()
    const onStdout = (chunk: string) => splitter.push(chunk).forEach((v) => emit(v, push))
    const r = await deps.runner.stream(watchArgv(deps.kubectl, resource), { signal, onStdout })
    if (signal.aborted) return
    if (deps.host.now() - started < QUICK_FAILURE_MS) {
      deps.log?.(`watch of ${resource} ended after ${deps.host.now() - started} ms (exit ${r.exitCode}): ${r.stderr.trim()}; retrying in ${WATCH_RETRY_MS} ms`)
      await pause(deps.host, WATCH_RETRY_MS, signal)
    }
  }
}

function emit(value: unknown, push: (e: EngineEvent) => void): void {
  const e = toEngineEvent(value)
  if (e) push(e)
}

function pause(host: HostTimers, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const handle = host.setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
    function done() {
      host.clearTimeout(handle)
      signal.removeEventListener('abort', done)
      resolve()
    }
  })
}
