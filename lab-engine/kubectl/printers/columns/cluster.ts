// Namespace and Node columns.
//
// Follows printNamespace and printNode (Ready condition, SchedulingDisabled, findNodeRoles,
// getNodeInternalIP/getNodeExternalIP) in k8s.io/kubernetes/pkg/printers/internalversion/printers.go.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { type Column, type Loose, field, nameColumn } from './column'

const ROLE_PREFIX = 'node-role.kubernetes.io/'
const ageColumn: Column = { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) }

function nodeStatus(o: KubeObject): string {
  const ready = ((field(o, 'status', 'conditions') ?? []) as Loose[]).filter((c) => c.type === 'Ready').pop()
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown']
  if (field(o, 'spec', 'unschedulable')) status.push('SchedulingDisabled')
  return status.join(',')
}

export function nodeRoles(o: KubeObject): string {
  const roles = new Set<string>()
  for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length))
    else if (k === 'kubernetes.io/role' && v) roles.add(v)
  }
  return [...roles].sort().join(',') || '<none>'
}

function address(o: KubeObject, type: string): string {
  const list: Loose[] = field(o, 'status', 'addresses') ?? []
  return list.find((a) => a.type === type)?.address ?? '<none>'
}

function nodeInfo(key: string): (o: KubeObject) => string {
  return (o) => field(o, 'status', 'nodeInfo', key) || '<unknown>'
}

export const NAMESPACE_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'STATUS', cell: (o) => field(o, 'status', 'phase') ?? '' },
  ageColumn,
]

export const NODE_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'STATUS', cell: nodeStatus },
  { header: 'ROLES', cell: nodeRoles },
  ageColumn,
  { header: 'VERSION', cell: (o) => field(o, 'status', 'nodeInfo', 'kubeletVersion') ?? '' },
  { header: 'INTERNAL-IP', wide: true, cell: (o) => address(o, 'InternalIP') },
  { header: 'EXTERNAL-IP', wide: true, cell: (o) => address(o, 'ExternalIP') },
  { header: 'OS-IMAGE', wide: true, cell: nodeInfo('osImage') },
  { header: 'KERNEL-VERSION', wide: true, cell: nodeInfo('kernelVersion') },
  { header: 'CONTAINER-RUNTIME', wide: true, cell: nodeInfo('containerRuntimeVersion') },
]
