// kubectl describe for namespaces, nodes, replica sets, config maps, secrets, service accounts and endpoints.
//
// Layouts follow k8s.io/kubectl/pkg/describe/describe.go (NamespaceDescriber,
// NodeDescriber, ReplicaSetDescriber, ConfigMapDescriber, SecretDescriber —
// values hidden as `key:  N bytes` —, ServiceAccountDescriber,
// EndpointsDescriber). The sim has no ResourceQuota or LimitRange objects, so a
// namespace always reads "No resource quota." / "No LimitRange resource.".

import type { KubeObject } from '../../cluster/types'
import { age } from '../printers'
import type { VerbContext } from './context'
import { annotations, entries, events, header, rfc1123z, type Describer } from './describe'
import { podTemplate } from './describe-containers'
import type { DescribeWriter } from './describe-writer'

type Loose = any

function meta(w: DescribeWriter, o: KubeObject): void {
  w.list(0, 'Labels', entries(o.metadata.labels, '='))
  annotations(w, 0, o.metadata.annotations)
}

function describeNamespace(w: DescribeWriter, ns: KubeObject): void {
  w.write(0, `Name:\t${ns.metadata.name}`)
  meta(w, ns)
  w.write(0, `Status:\t${(ns.status as Loose)?.phase ?? 'Active'}`)
  w.write(0, '')
  w.write(0, 'No resource quota.')
  w.write(0, '')
  w.write(0, 'No LimitRange resource.')
}

function describeNode(w: DescribeWriter, n: KubeObject, ctx: VerbContext): void {
  const st: Loose = n.status ?? {}
  const spec: Loose = n.spec ?? {}
  const roles = Object.keys(n.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length))
  w.write(0, `Name:\t${n.metadata.name}`)
  w.write(0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}`)
  meta(w, n)
  w.write(0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}`)
  w.list(0, 'Taints', (spec.taints ?? []).map((t: Loose) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`))
  w.write(0, `Unschedulable:\t${spec.unschedulable ? 'true' : 'false'}`)
  w.write(0, 'Conditions:')
  w.write(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage')
  w.write(1, '----\t------\t-----------------\t------------------\t------\t-------')
  for (const c of st.conditions ?? []) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`)
  w.write(0, 'Addresses:')
  for (const a of st.addresses ?? []) w.write(1, `${a.type}:\t${a.address}`)
  for (const [title, res] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    w.write(0, `${title}:`)
    for (const k of Object.keys(res ?? {}).sort()) w.write(1, `${k}:\t${res[k]}`)
  }
  const info = st.nodeInfo ?? {}
  w.write(0, 'System Info:')
  for (const [label, key] of [['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'], ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'], ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'], ['Kube-Proxy Version', 'kubeProxyVersion']]) {
    w.write(1, `${label}:\t${info[key!] ?? ''}`)
  }
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}`)
  if (spec.podCIDRs) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(',')}`)
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}`)
  const pods = ctx.env.store.list({ kind: 'Pod' }).filter((p) => (p.spec as Loose)?.nodeName === n.metadata.name && !['Succeeded', 'Failed'].includes((p.status as Loose)?.phase))
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)`)
  w.write(1, 'Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge')
  w.write(1, '---------\t----\t------------\t----------\t---------------\t-------------\t---')
  for (const p of pods) w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t${age(p.metadata.creationTimestamp, ctx.env.clock.now())}`)
  events(w, n, ctx)
}

function describeReplicaSet(w: DescribeWriter, rs: KubeObject, ctx: VerbContext): void {
  const spec: Loose = rs.spec ?? {}
  const st: Loose = rs.status ?? {}
  header(w, rs)
  w.write(0, `Selector:\t${entries(spec.selector?.matchLabels, '=').join(',')}`)
  meta(w, rs)
  const owner = rs.metadata.ownerReferences?.find((r) => r.controller)
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}`)
  w.write(0, `Replicas:\t${st.replicas ?? 0} current / ${spec.replicas ?? 1} desired`)
  const pods = ctx.env.store.list({ kind: 'Pod', namespace: rs.metadata.namespace }).filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid))
  const count = (phase: string) => pods.filter((p) => ((p.status as Loose)?.phase ?? 'Pending') === phase).length
  w.write(0, `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`)
  podTemplate(w, spec.template)
  events(w, rs, ctx)
}

function describeConfigMap(w: DescribeWriter, cm: KubeObject, ctx: VerbContext): void {
  header(w, cm)
  meta(w, cm)
  w.write(0, '')
  w.write(0, 'Data')
  w.write(0, '====')
  const data = ((cm as Loose).data ?? {}) as Record<string, string>
  for (const k of Object.keys(data).sort()) {
    w.write(0, `${k}:`)
    w.write(0, '----')
    w.write(0, data[k]!)
    w.write(0, '')
  }
  w.write(0, '')
  w.write(0, 'BinaryData')
  w.write(0, '====')
  for (const k of Object.keys((cm as Loose).binaryData ?? {}).sort()) w.write(0, `${k}: ${atobLength((cm as Loose).binaryData[k])} bytes`)
  w.write(0, '')
  events(w, cm, ctx)
}

/** Decoded length of base64 text, without decoding it. */
function atobLength(b64: string): number {
  const clean = String(b64).replace(/\s/g, '')
  return Math.floor((clean.length * 3) / 4) - (clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0)
}

function describeSecret(w: DescribeWriter, s: KubeObject): void {
  header(w, s)
  meta(w, s)
  w.write(0, '')
  w.write(0, `Type:\t${(s as Loose).type ?? 'Opaque'}`)
  w.write(0, '')
  w.write(0, 'Data')
  w.write(0, '====')
  const data = ((s as Loose).data ?? {}) as Record<string, string>
  for (const k of Object.keys(data).sort()) w.write(0, `${k}:\t${atobLength(data[k]!)} bytes`)
}

function describeServiceAccount(w: DescribeWriter, sa: KubeObject, ctx: VerbContext): void {
  header(w, sa)
  meta(w, sa)
  const names = (list: Loose[] | undefined) => (list ?? []).map((x) => x.name)
  w.list(0, 'Image pull secrets', names((sa as Loose).imagePullSecrets))
  w.list(0, 'Mountable secrets', names((sa as Loose).secrets))
  w.write(0, 'Tokens:\t<none>')
  events(w, sa, ctx)
}

function describeEndpoints(w: DescribeWriter, ep: KubeObject, ctx: VerbContext): void {
  header(w, ep)
  meta(w, ep)
  w.write(0, 'Subsets:')
  for (const sub of ((ep as Loose).subsets ?? []) as Loose[]) {
    const ips = (l: Loose[] | undefined) => ((l ?? []).length ? l!.map((a) => a.ip).join(',') : '<none>')
    w.write(1, `Addresses:\t${ips(sub.addresses)}`)
    w.write(1, `NotReadyAddresses:\t${ips(sub.notReadyAddresses)}`)
    w.write(1, 'Ports:')
    w.write(2, 'Name\tPort\tProtocol')
    w.write(2, '----\t----\t--------')
    for (const p of sub.ports ?? []) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}`)
    w.write(0, '')
  }
  events(w, ep, ctx)
}

export const CORE_DESCRIBERS: Record<string, Describer> = {
  Namespace: describeNamespace, Node: describeNode, ReplicaSet: describeReplicaSet, ConfigMap: describeConfigMap,
  Secret: describeSecret, ServiceAccount: describeServiceAccount, Endpoints: describeEndpoints,
}
