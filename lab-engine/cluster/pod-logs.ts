// Pod logs: a bounded ring buffer per container, which `kubectl logs` reads and simulated apps append to.
//
// The kubelet keeps container logs on the node until the container is removed;
// here each container keeps its last MAX_LOG_LINES lines. A container's buffer
// starts with its image's start-up lines (log-seeds.ts), stamped at the time the
// container started, the first time anything touches it after it started.

import { toDisposable, type Disposable } from '../core/disposable'
import { LogRing } from './log-ring'
import { startupLines } from './log-seeds'
import type { ObjectStore } from './store'
import type { KubeObject } from './types'

export const MAX_LOG_LINES = 1000
/** Longest single line kept; longer lines are cut (the kubelet splits them at 16 KiB). */
export const MAX_LOG_LINE_CHARS = 16 * 1024

export interface LogEntry { time: number; line: string }
export type LogListener = (entry: LogEntry) => void

interface Buffer { ring: LogRing; listeners: Set<LogListener> }

export class PodLogs {
  private readonly buffers = new Map<string, Buffer>()
  /** Buffers dropped so far: a writer() re-checks its buffer after a drop. */
  private sweeps = 0

  constructor(private readonly store: ObjectStore, private readonly now: () => number) {}

  /** Apps write here: one line of a container's stdout. */
  appendLog(podUid: string, container: string, line: string): void {
    this.append(this.buffer(podUid, container), line)
  }

  /**
   * appendLog for one container, its buffer looked up once (an app logs every request): again
   * only while the container has no buffer yet, or after a sweep dropped buffers.
   */
  writer(podUid: string, container: string): (line: string) => void {
    let buffer: Buffer | undefined
    let sweeps = -1
    return (line) => {
      if (!buffer || sweeps !== this.sweeps) {
        buffer = this.buffer(podUid, container)
        sweeps = this.buffers.get(bufferKey(podUid, container)) === buffer ? this.sweeps : -1
      }
      this.append(buffer, line)
    }
  }

  private append(buffer: Buffer, text: string): void {
    const time = this.now()
    const line = text.length > MAX_LOG_LINE_CHARS ? text.slice(0, MAX_LOG_LINE_CHARS) : text
    buffer.ring.push(time, line)
    if (buffer.listeners.size > 0) for (const listener of buffer.listeners) listener({ time, line })
  }

  read(podUid: string, container: string): readonly LogEntry[] {
    return this.buffer(podUid, container).ring.entries()
  }

  /** Calls listener for every line appended from now on (kubectl logs -f). */
  follow(podUid: string, container: string, listener: LogListener): Disposable {
    const buffer = this.buffer(podUid, container)
    buffer.listeners.add(listener)
    return toDisposable(() => buffer.listeners.delete(listener))
  }

  private buffer(podUid: string, container: string): Buffer {
    this.dropDeletedPods()
    const key = bufferKey(podUid, container)
    let buffer = this.buffers.get(key)
    if (!buffer) {
      const seed = this.seedFor(podUid, container)
      if (!seed) return { ring: new LogRing(1), listeners: new Set() }
      buffer = { ring: new LogRing(MAX_LOG_LINES, seed.slice(-MAX_LOG_LINES)), listeners: new Set() }
      this.buffers.set(key, buffer)
    }
    return buffer
  }

  /** Start-up lines for a started container; undefined while it has not started (nothing to keep yet). */
  private seedFor(podUid: string, container: string): LogEntry[] | undefined {
    const pod = this.podByUid(podUid)
    if (!pod) return undefined
    const startedAt = containerStartedAt(pod, container)
    if (startedAt === undefined) return undefined
    const image = containerImage(pod, container) ?? ''
    return startupLines(image, { pod, container, startedAt }).map((line, i) => ({ time: startedAt + i, line }))
  }

  private podByUid(uid: string): KubeObject | undefined {
    return this.store.list({ kind: 'Pod' }).find((p) => p.metadata.uid === uid)
  }

  /** Logs go with their pod: a deleted pod's buffers are dropped, so memory stays bounded by live pods. */
  /** Store state last swept for deleted pods: sweeping again before it changes would find nothing. */
  private sweptAt = ''

  private dropDeletedPods(): void {
    if (this.buffers.size === 0) return
    const version = `${this.store.resourceVersion()}/${this.store.size()}`
    if (version === this.sweptAt) return
    this.sweptAt = version
    const live = new Set(this.store.list({ kind: 'Pod' }).map((p) => p.metadata.uid))
    for (const key of this.buffers.keys()) {
      if (live.has(key.slice(0, key.indexOf('/')))) continue
      this.buffers.delete(key)
      this.sweeps++
    }
  }
}

/** "<pod uid>/<container>", one string per pair: a key built per line is hashed per line (apps and proxies log every request). */
function bufferKey(podUid: string, container: string): string {
  let byContainer = bufferKeys.get(podUid)
  if (!byContainer) {
    if (bufferKeys.size >= MAX_BUFFER_KEYS) bufferKeys.clear()
    bufferKeys.set(podUid, (byContainer = new Map()))
  }
  let key = byContainer.get(container)
  if (key === undefined) byContainer.set(container, (key = `${podUid}/${container}`))
  return key
}

const bufferKeys = new Map<string, Map<string, string>>()
const MAX_BUFFER_KEYS = 4096

interface ContainerStatus { name: string; state?: { running?: { startedAt?: string }; terminated?: { startedAt?: string } } }

export function containerStartedAt(pod: KubeObject, container: string): number | undefined {
  const statuses = [
    ...((pod.status as { containerStatuses?: ContainerStatus[] } | undefined)?.containerStatuses ?? []),
    ...((pod.status as { initContainerStatuses?: ContainerStatus[] } | undefined)?.initContainerStatuses ?? []),
  ]
  const state = statuses.find((s) => s.name === container)?.state
  const started = state?.running?.startedAt ?? state?.terminated?.startedAt
  return started ? Date.parse(started) : undefined
}

function containerImage(pod: KubeObject, container: string): string | undefined {
  const spec = pod.spec as { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] } | undefined
  return [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((c) => c.name === container)?.image
}

const perStore = new WeakMap<ObjectStore, PodLogs>()

/** The session's pod logs (one per store), created on first use. */
export function podLogsFor(store: ObjectStore, now: () => number): PodLogs {
  let logs = perStore.get(store)
  if (!logs) perStore.set(store, (logs = new PodLogs(store, now)))
  return logs
}
