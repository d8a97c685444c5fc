// The container sections of kubectl describe: a pod's (Init) Containers with their state, and the
// Pod Template block Deployments and ReplicaSets print. Follows describeContainers and
// DescribePodTemplate in k8s.io/kubectl/pkg/describe/describe.go (kubectl 1.33).
import { entries, rfc1123z } from './describe'
import type { DescribeWriter } from './describe-writer'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any

function ports(c: Loose): string {
  const list = (c.ports ?? []) as Loose[]
  return list.length ? list.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'
}

function hostPorts(c: Loose): string {
  const list = (c.ports ?? []) as Loose[]
  return list.length ? list.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'
}

/** `Init Containers:` (only when there are some) then `Containers:`, each with its status when the pod has one. */
export function podContainers(w: DescribeWriter, level: number, spec: Loose, status: Loose): void {
  const statusOf = (list: Loose[] | undefined, name: string) => (list ?? []).find((s) => s.name === name)
  // A template's containers sit at their heading's level behind one space, as kubectl prints them.
  const item = status ? level + 1 : level
  if ((spec.initContainers ?? []).length) {
    w.write(level, 'Init Containers:')
    for (const c of spec.initContainers) container(w, item, c, status && statusOf(status.initContainerStatuses, c.name), !!status)
  }
  w.write(level, 'Containers:')
  for (const c of spec.containers ?? []) container(w, item, c, status && statusOf(status.containerStatuses, c.name), !!status)
}

/** The Pod Template block of a Deployment or ReplicaSet (no statuses). */
export function podTemplate(w: DescribeWriter, template: Loose): void {
  w.write(0, 'Pod Template:')
  w.list(1, 'Labels', entries(template?.metadata?.labels, '='))
  podContainers(w, 1, template?.spec ?? {}, undefined)
  w.write(1, 'Volumes:\t<none>')
  w.write(1, 'Node-Selectors:\t<none>')
  w.write(1, 'Tolerations:\t<none>')
}

function container(w: DescribeWriter, level: number, c: Loose, s: Loose, inPod: boolean): void {
  w.write(level, `${inPod ? '' : ' '}${c.name}:`)
  if (s?.containerID) w.write(level + 1, `Container ID:\t${s.containerID}`)
  w.write(level + 1, `Image:\t${c.image ?? ''}`)
  if (s) w.write(level + 1, `Image ID:\t${s.imageID ?? ''}`)
  w.write(level + 1, `Port:\t${ports(c)}`)
  w.write(level + 1, `Host Port:\t${hostPorts(c)}`)
  for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
    if (list?.length) { w.write(level + 1, `${title}:`); for (const a of list) w.write(level + 2, a) }
  }
  if (inPod) containerState(w, level + 1, s)
  const env = (c.env ?? []) as Loose[]
  if (env.length) { w.write(level + 1, 'Environment:'); for (const e of env) w.write(level + 2, `${e.name}:\t${envValue(e)}`) }
  else w.write(level + 1, 'Environment:\t<none>')
  w.write(level + 1, 'Mounts:\t<none>')
}

function containerState(w: DescribeWriter, level: number, s: Loose): void {
  const state = s?.state ?? {}
  if (state.running) { w.write(level, 'State:\tRunning'); w.write(level + 1, `Started:\t${rfc1123z(state.running.startedAt)}`) }
  else if (state.terminated) {
    const t = state.terminated
    w.write(level, 'State:\tTerminated')
    w.write(level + 1, `Reason:\t${t.reason ?? ''}`)
    w.write(level + 1, `Exit Code:\t${t.exitCode ?? 0}`)
    w.write(level + 1, `Started:\t${rfc1123z(t.startedAt)}`)
    w.write(level + 1, `Finished:\t${rfc1123z(t.finishedAt)}`)
  } else if (state.waiting) { w.write(level, 'State:\tWaiting'); w.write(level + 1, `Reason:\t${state.waiting.reason ?? ''}`) }
  else w.write(level, 'State:\tWaiting')
  w.write(level, `Ready:\t${s?.ready ? 'True' : 'False'}`)
  w.write(level, `Restart Count:\t${s?.restartCount ?? 0}`)
}

/** A value, or where it comes from (`(v1:metadata.name)`, as kubectl shows fieldRef env). */
function envValue(e: Loose): string {
  if (e.value !== undefined) return e.value
  const f = e.valueFrom?.fieldRef
  if (f) return ` (${f.apiVersion ?? 'v1'}:${f.fieldPath})`
  const r = e.valueFrom?.resourceFieldRef
  if (r) return `${r.resource} (${r.containerName ?? ''}:${r.resource})`
  const k = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef
  if (k) return `<set to the key '${k.key}' in ${e.valueFrom.secretKeyRef ? 'secret' : 'config map'} '${k.name}'>`
  return ''
}
