// Deployment and ReplicaSet columns.
//
// Follows printDeployment and printReplicaSet in k8s.io/kubernetes/pkg/printers/internalversion/printers.go:
// deployments NAME READY UP-TO-DATE AVAILABLE AGE, replicasets NAME DESIRED CURRENT READY AGE,
// both adding CONTAINERS IMAGES SELECTOR with -o wide.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { type Column, containerCells, field, formatSelector, nameColumn, num } from './column'

const ageColumn: Column = { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) }

const templateColumns: readonly Column[] = [
  { header: 'CONTAINERS', wide: true, cell: (o) => containerCells(field(o, 'spec', 'template', 'spec', 'containers'))[0] },
  { header: 'IMAGES', wide: true, cell: (o) => containerCells(field(o, 'spec', 'template', 'spec', 'containers'))[1] },
  { header: 'SELECTOR', wide: true, cell: (o) => formatSelector(field(o, 'spec', 'selector')) },
]

/** spec.replicas is defaulted to 1 by the API server. */
function desired(o: KubeObject): number {
  const r = field(o, 'spec', 'replicas')
  return typeof r === 'number' ? r : 1
}

export const DEPLOYMENT_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'READY', cell: (o) => `${num(field(o, 'status', 'readyReplicas'))}/${desired(o)}` },
  { header: 'UP-TO-DATE', cell: (o) => String(num(field(o, 'status', 'updatedReplicas'))) },
  { header: 'AVAILABLE', cell: (o) => String(num(field(o, 'status', 'availableReplicas'))) },
  ageColumn,
  ...templateColumns,
]

export const REPLICASET_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'DESIRED', cell: (o) => String(desired(o)) },
  { header: 'CURRENT', cell: (o) => String(num(field(o, 'status', 'replicas'))) },
  { header: 'READY', cell: (o) => String(num(field(o, 'status', 'readyReplicas'))) },
  ageColumn,
  ...templateColumns,
]
