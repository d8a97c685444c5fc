// kubectl describe: pods, deployments and services here; other core kinds in describe-core.ts, the rest generic.
//
// Layout follows k8s.io/kubectl/pkg/describe/describe.go (describePod,
// describeDeployment, describeService, DescribeEvents) as kubectl v1.33 prints
// them on kind; volumes and mounts the sim does not model print <none>.

import type { KubeObject } from '../../cluster/types'
import { age, formatLabels } from '../printers'
import { KubectlError, type Verb, type VerbContext } from './context'
import { podContainers, podTemplate } from './describe-containers'
import { DescribeWriter } from './describe-writer'
import { CORE_DESCRIBERS } from './describe-core'
import { describeGeneric } from './describe-generic'
import { bool, flag } from './flags'
import { listNamespace, objectRef, parseResourceArgs } from './resource-args'

type Loose = any

export type Describer = (w: DescribeWriter, o: KubeObject, ctx: VerbContext) => void

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod, Deployment: describeDeployment, Service: describeService, ...CORE_DESCRIBERS,
}

export const describeVerb: Verb = {
  name: 'describe',
  flags: [{ name: 'selector', short: 'l', value: true }, { name: 'all-namespaces', short: 'A' }, { name: 'show-events', value: true }],
  run(ctx) {
    if (ctx.flags.args.length === 0) throw new KubectlError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.')
    const texts: string[] = []
    const errors: string[] = []
    for (const { info, names } of parseResourceArgs(ctx.env, ctx.flags.args)) {
      // Kinds without their own describer (events, CRD-backed Istio kinds) use kubectl's generic describer.
      const describer = Object.hasOwn(DESCRIBERS, info.kind) ? DESCRIBERS[info.kind]! : describeGeneric
      const objects = names.length ? names.map((n) => ctx.env.store.get(objectRef(info, n, ctx.namespace)) ?? n)
        : ctx.env.store.list({ kind: info.kind, apiVersion: objectRef(info, '', '').apiVersion, namespace: listNamespace(info, ctx.namespace, bool(ctx.flags, 'all-namespaces')), labelSelector: flag(ctx.flags, 'selector') })
      for (const o of objects) {
        if (typeof o === 'string') { errors.push(`Error from server (NotFound): ${info.group ? `${info.plural}.${info.group}` : info.plural} "${o}" not found`); continue }
        const w = new DescribeWriter()
        describer(w, o, ctx)
        texts.push(w.text())
      }
    }
    if (texts.length === 0 && errors.length === 0) ctx.err(`No resources found in ${ctx.namespace} namespace.\n`)
    ctx.out(texts.join('\n\n'))
    for (const e of errors) ctx.err(e + '\n')
    return errors.length ? 1 : 0
  },
}

/** Go's time.RFC1123Z, in UTC: "Thu, 01 Jan 2026 00:00:00 +0000". */
export function rfc1123z(timestamp: string | undefined): string {
  if (!timestamp) return '<unknown>'
  const d = new Date(timestamp)
  const [wd, day, mon, year, time] = d.toUTCString().replace(',', '').split(' ')
  return `${wd}, ${day} ${mon} ${year} ${time} +0000`
}

export function entries(map: Record<string, string> | undefined, sep: string): string[] {
  return Object.keys(map ?? {}).sort().map((k) => `${k}${sep}${map![k]}`)
}

/** Longest annotation line describe prints whole (maxAnnotationLen in describe.go). */
const MAX_ANNOTATION_LEN = 140

/** printAnnotationsMultiline: long or multi-line values go under their key, shortened with "...". */
export function annotations(w: DescribeWriter, level: number, map: Record<string, string> | undefined): void {
  const lines: string[] = []
  for (const key of Object.keys(map ?? {}).sort()) {
    const value = map![key]!.replace(/\n$/, '')
    if (value.length + key.length + 2 <= MAX_ANNOTATION_LEN && !value.includes('\n')) { lines.push(`${key}: ${value}`); continue }
    lines.push(`${key}:`)
    for (const s of value.split('\n')) lines.push(`  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}`)
  }
  w.list(level, 'Annotations', lines)
}

export function header(w: DescribeWriter, o: KubeObject): void {
  w.write(0, `Name:\t${o.metadata.name}`)
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}`)
}

function describePod(w: DescribeWriter, p: KubeObject, ctx: VerbContext): void {
  const spec: Loose = p.spec ?? {}
  const st: Loose = p.status ?? {}
  header(w, p)
  w.write(0, `Priority:\t${spec.priority ?? 0}`)
  w.write(0, `Service Account:\t${spec.serviceAccountName ?? 'default'}`)
  w.write(0, `Node:\t${spec.nodeName ? `${spec.nodeName}/${st.hostIP ?? ''}` : '<none>'}`)
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(st.startTime)}`)
  w.list(0, 'Labels', entries(p.metadata.labels, '='))
  annotations(w, 0, p.metadata.annotations)
  w.write(0, `Status:\t${st.phase ?? 'Pending'}`)
  w.write(0, `IP:\t${st.podIP ?? ''}`)
  w.write(0, 'IPs:' + ((st.podIPs ?? []).length ? '' : '\t<none>'))
  for (const ip of st.podIPs ?? []) w.write(1, `IP:\t${ip.ip}`)
  const owner = p.metadata.ownerReferences?.find((r) => r.controller)
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}`)
  podContainers(w, 0, spec, st)
  w.write(0, 'Conditions:')
  w.write(1, 'Type\tStatus')
  for (const c of st.conditions ?? []) w.write(1, `${c.type} \t${c.status} `)
  w.write(0, 'Volumes:\t<none>')
  w.write(0, `QoS Class:\t${st.qosClass ?? 'BestEffort'}`)
  w.write(0, 'Node-Selectors:\t<none>')
  w.list(0, 'Tolerations', ['node.kubernetes.io/not-ready:NoExecute op=Exists for 300s', 'node.kubernetes.io/unreachable:NoExecute op=Exists for 300s'])
  events(w, p, ctx)
}

function describeDeployment(w: DescribeWriter, d: KubeObject, ctx: VerbContext): void {
  const spec: Loose = d.spec ?? {}
  const st: Loose = d.status ?? {}
  header(w, d)
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`)
  w.list(0, 'Labels', entries(d.metadata.labels, '='))
  annotations(w, 0, d.metadata.annotations)
  w.write(0, `Selector:\t${entries(spec.selector?.matchLabels, '=').join(',')}`)
  const want = spec.replicas ?? 1
  w.write(0, `Replicas:\t${want} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`)
  const strategy = spec.strategy?.type ?? 'RollingUpdate'
  w.write(0, `StrategyType:\t${strategy}`)
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}`)
  if (strategy === 'RollingUpdate') {
    const ru = spec.strategy?.rollingUpdate ?? {}
    w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? '25%'} max unavailable, ${ru.maxSurge ?? '25%'} max surge`)
  }
  podTemplate(w, spec.template)
  w.write(0, 'Conditions:')
  w.write(1, 'Type\tStatus\tReason')
  w.write(1, '----\t------\t------')
  for (const c of st.conditions ?? []) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`)
  const sets = ctx.env.store.list({ kind: 'ReplicaSet', namespace: d.metadata.namespace })
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === d.metadata.uid))
  const rev = (rs: KubeObject) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0)
  const newest = [...sets].sort((a, b) => rev(b) - rev(a))[0]
  const old = sets.filter((rs) => rs !== newest && ((rs.spec as Loose)?.replicas ?? 0) > 0)
  const created = (rs: KubeObject) => `${rs.metadata.name} (${(rs.status as Loose)?.replicas ?? 0}/${(rs.spec as Loose)?.replicas ?? 0} replicas created)`
  w.write(0, `OldReplicaSets:\t${old.length ? old.map(created).join(', ') : '<none>'}`)
  w.write(0, `NewReplicaSet:\t${newest ? created(newest) : '<none>'}`)
  events(w, d, ctx)
}

function describeService(w: DescribeWriter, s: KubeObject, ctx: VerbContext): void {
  const spec: Loose = s.spec ?? {}
  header(w, s)
  w.list(0, 'Labels', entries(s.metadata.labels, '='))
  annotations(w, 0, s.metadata.annotations)
  w.write(0, `Selector:\t${spec.selector ? formatLabels(spec.selector) : '<none>'}`)
  w.write(0, `Type:\t${spec.type ?? 'ClusterIP'}`)
  w.write(0, 'IP Family Policy:\tSingleStack')
  w.write(0, 'IP Families:\tIPv4')
  w.write(0, `IP:\t${spec.clusterIP ?? ''}`)
  w.write(0, `IPs:\t${(spec.clusterIPs ?? [spec.clusterIP]).join(',')}`)
  const ingress = (s.status as Loose)?.loadBalancer?.ingress ?? []
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i: Loose) => i.ip ?? i.hostname).join(', ')}`)
  const eps = ctx.env.store.get({ kind: 'Endpoints', namespace: s.metadata.namespace, name: s.metadata.name })
  for (const p of spec.ports ?? []) {
    w.write(0, `Port:\t${p.name || '<unset>'}  ${p.port}/${p.protocol ?? 'TCP'}`)
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`)
    if (p.nodePort) w.write(0, `NodePort:\t${p.name || '<unset>'}  ${p.nodePort}/${p.protocol ?? 'TCP'}`)
    w.write(0, `Endpoints:\t${endpointsFor(eps, p)}`)
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? 'None'}`)
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy ?? 'Cluster'}`)
  w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy ?? 'Cluster'}`)
  events(w, s, ctx)
}

function endpointsFor(eps: KubeObject | undefined, port: Loose): string {
  const addrs: string[] = []
  for (const sub of (eps?.subsets ?? []) as Loose[]) {
    const p = (sub.ports ?? []).find((x: Loose) => (x.name ?? '') === (port.name ?? '')) ?? sub.ports?.[0]
    for (const a of sub.addresses ?? []) addrs.push(`${a.ip}:${p?.port ?? ''}`)
  }
  return addrs.join(',')
}

export function events(w: DescribeWriter, o: KubeObject, ctx: VerbContext): void {
  if (flag(ctx.flags, 'show-events') === 'false') return
  const now = ctx.env.clock.now()
  const list = ctx.env.store.list({ kind: 'Event', namespace: o.metadata.namespace })
    .filter((e) => (e.involvedObject as Loose)?.uid === o.metadata.uid)
    .sort((a, b) => String(a.lastTimestamp ?? '').localeCompare(String(b.lastTimestamp ?? '')))
  if (list.length === 0) return w.write(0, 'Events:\t<none>')
  w.write(0, 'Events:')
  w.write(1, 'Type\tReason\tAge\tFrom\tMessage')
  w.write(1, '----\t------\t----\t----\t-------')
  for (const e of list as Loose[]) {
    const interval = (e.count ?? 1) > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${age(e.firstTimestamp, now)})` : age(e.firstTimestamp, now)
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${e.source?.component ?? e.reportingComponent ?? ''}\t${String(e.message ?? '').trim()}`)
  }
}
