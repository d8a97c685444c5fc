// Pod columns: NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES.
//
// Follows printPod in k8s.io/kubernetes/pkg/printers/internalversion/printers.go (kubectl 1.30+),
// including restartable init containers (native sidecars) and the "N (Xm ago)" restart cell.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { type Column, type Loose, field, nameColumn, num } from './column'

interface PodSummary { ready: string; status: string; restarts: string }

export function summarizePod(pod: KubeObject, now: number): PodSummary {
  const spec: Loose = pod.spec ?? {}
  const status: Loose = pod.status ?? {}
  const initSpecs: Loose[] = spec.initContainers ?? []
  const restartable = new Set(initSpecs.filter((c) => c?.restartPolicy === 'Always').map((c) => c.name))
  let total = (spec.containers ?? []).length + restartable.size
  let ready = 0
  let restarts = 0
  let sidecarRestarts = 0
  let lastRestart = 0
  let lastSidecarRestart = 0
  let reason: string = status.reason || status.phase || ''
  if ((status.conditions ?? []).some((c: Loose) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated'

  let initializing = false
  const initStatuses: Loose[] = status.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]
    restarts += num(c.restartCount)
    const finished = terminatedAt(c)
    lastRestart = Math.max(lastRestart, finished)
    const isSidecar = restartable.has(c.name)
    if (isSidecar) { sidecarRestarts += num(c.restartCount); lastSidecarRestart = Math.max(lastSidecarRestart, finished) }
    const term = c.state?.terminated
    const wait = c.state?.waiting
    if (term && num(term.exitCode) === 0) continue
    if (isSidecar && c.started === true) { if (c.ready) ready++; continue }
    if (term) reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${num(term.exitCode)}`
    else if (wait?.reason && wait.reason !== 'PodInitializing') reason = `Init:${wait.reason}`
    else reason = `Init:${i}/${initSpecs.length}`
    initializing = true
    break
  }

  const initialized = (status.conditions ?? []).some((c: Loose) => c.type === 'Initialized' && c.status === 'True')
  if (!initializing || initialized) {
    restarts = sidecarRestarts
    lastRestart = lastSidecarRestart
    let hasRunning = false
    const statuses: Loose[] = status.containerStatuses ?? []
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]
      restarts += num(c.restartCount)
      lastRestart = Math.max(lastRestart, terminatedAt(c))
      const wait = c.state?.waiting
      const term = c.state?.terminated
      if (wait?.reason) reason = wait.reason
      else if (term?.reason) reason = term.reason
      else if (term) reason = term.signal ? `Signal:${term.signal}` : `ExitCode:${num(term.exitCode)}`
      else if (c.ready && c.state?.running) { hasRunning = true; ready++ }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c: Loose) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady'
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown'
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating'

  total = Math.max(total, 0)
  const restartText = restarts !== 0 && lastRestart > 0 ? `${restarts} (${age(new Date(lastRestart).toISOString(), now)} ago)` : String(restarts)
  return { ready: `${ready}/${total}`, status: reason, restarts: restartText }
}

function terminatedAt(c: Loose): number {
  const at = c?.lastState?.terminated?.finishedAt
  const t = at ? Date.parse(at) : NaN
  return Number.isNaN(t) ? 0 : t
}

function readinessGates(pod: KubeObject): string {
  const gates: Loose[] = field(pod, 'spec', 'readinessGates') ?? []
  if (gates.length === 0) return '<none>'
  const conditions: Loose[] = field(pod, 'status', 'conditions') ?? []
  const ok = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length
  return `${ok}/${gates.length}`
}

export const POD_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'READY', cell: (o, now) => summarizePod(o, now).ready },
  { header: 'STATUS', cell: (o, now) => summarizePod(o, now).status },
  { header: 'RESTARTS', cell: (o, now) => summarizePod(o, now).restarts },
  { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) },
  // printPod reads podIPs[0]; the API server keeps podIP in step with it, so podIP is a safe fallback.
  { header: 'IP', wide: true, cell: (o) => field(o, 'status', 'podIPs', '0', 'ip') || field(o, 'status', 'podIP') || '<none>' },
  { header: 'NODE', wide: true, cell: (o) => field(o, 'spec', 'nodeName') || '<none>' },
  { header: 'NOMINATED NODE', wide: true, cell: (o) => field(o, 'status', 'nominatedNodeName') || '<none>' },
  { header: 'READINESS GATES', wide: true, cell: readinessGates },
]
