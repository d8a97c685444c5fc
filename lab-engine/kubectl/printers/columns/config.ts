// ConfigMap, Secret and ServiceAccount columns.
//
// Follows printConfigMap (data + binaryData), printSecret (NAME TYPE DATA AGE) and
// printServiceAccount (NAME SECRETS AGE) in k8s.io/kubernetes/pkg/printers/internalversion/printers.go.

import type { KubeObject } from '../../../cluster/types'
import { age } from '../age'
import { type Column, nameColumn } from './column'

const ageColumn: Column = { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) }

function count(v: unknown): number {
  if (Array.isArray(v)) return v.length
  return v && typeof v === 'object' ? Object.keys(v).length : 0
}

export const CONFIGMAP_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'DATA', cell: (o: KubeObject) => String(count(o.data) + count(o.binaryData)) },
  ageColumn,
]

export const SECRET_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'TYPE', cell: (o) => (typeof o.type === 'string' && o.type ? o.type : 'Opaque') },
  { header: 'DATA', cell: (o) => String(count(o.data)) },
  ageColumn,
]

export const SERVICEACCOUNT_COLUMNS: readonly Column[] = [
  nameColumn,
  { header: 'SECRETS', cell: (o) => String(count(o.secrets)) },
  ageColumn,
]
