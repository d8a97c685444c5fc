// Role, ClusterRole, RoleBinding and ClusterRoleBinding columns.
//
// Follows printRole / printClusterRole (NAME, CREATED AT as an RFC 3339 time) and
// printRoleBinding / printClusterRoleBinding (NAME, ROLE as Kind/name, AGE; USERS,
// GROUPS and SERVICEACCOUNTS with -o wide) in k8s.io/kubernetes/pkg/printers/internalversion/printers.go.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { type Column, field, nameColumn } from './column'

interface Subject { kind?: string; name?: string; namespace?: string }

const createdAt: Column = { header: 'CREATED AT', cell: (o) => o.metadata.creationTimestamp ?? '' }

function subjects(o: KubeObject, kind: string): string {
  return ((field(o, 'subjects') ?? []) as Subject[]).filter((s) => s.kind === kind).map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name)).join(', ')
}

const BINDING_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'ROLE', cell: (o) => `${field(o, 'roleRef', 'kind') ?? ''}/${field(o, 'roleRef', 'name') ?? ''}` },
  { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) },
  { header: 'USERS', wide: true, cell: (o) => subjects(o, 'User') },
  { header: 'GROUPS', wide: true, cell: (o) => subjects(o, 'Group') },
  { header: 'SERVICEACCOUNTS', wide: true, cell: (o) => subjects(o, 'ServiceAccount') },
]

export const RBAC_COLUMNS: Readonly<Record<string, readonly Column[]>> = {
  Role: [nameColumn, createdAt],
  ClusterRole: [nameColumn, createdAt],
  RoleBinding: BINDING_COLUMNS,
  ClusterRoleBinding: BINDING_COLUMNS,
}
