// Column sets by kind: the one place a table printer looks up how a kind prints.
//
// Kinds without a set print NAME AGE, as kubectl's default table for resources
// without printer columns does (printers.go / the server's default table convertor).

import { age } from '../age'
import { CONFIGMAP_COLUMNS, SECRET_COLUMNS, SERVICEACCOUNT_COLUMNS } from './config'
import { NAMESPACE_COLUMNS, NODE_COLUMNS } from './cluster'
import { type Column, nameColumn } from './column'
import { EVENT_COLUMNS } from './events'
import { ISTIO_COLUMNS } from './istio'
import { POD_COLUMNS } from './pods'
import { RBAC_COLUMNS } from './rbac'
import { ENDPOINTS_COLUMNS, ENDPOINTSLICE_COLUMNS, SERVICE_COLUMNS } from './services'
import { DEPLOYMENT_COLUMNS, REPLICASET_COLUMNS } from './workloads'

export type { Column } from './column'
export { formatLabels } from './column'

const DEFAULT_COLUMNS: readonly Column[] = [nameColumn, { header: 'AGE', cell: (o, now) => age(o.metadata.creationTimestamp, now) }]

const BY_KIND: Readonly<Record<string, readonly Column[]>> = {
  Pod: POD_COLUMNS,
  Deployment: DEPLOYMENT_COLUMNS,
  ReplicaSet: REPLICASET_COLUMNS,
  Service: SERVICE_COLUMNS,
  Endpoints: ENDPOINTS_COLUMNS,
  EndpointSlice: ENDPOINTSLICE_COLUMNS,
  // The apiextensions server's table for CRDs: NAME and CREATED AT (an RFC 3339 time, not an age).
  CustomResourceDefinition: [nameColumn, { header: 'CREATED AT', cell: (o) => o.metadata.creationTimestamp ?? '' }],
  Namespace: NAMESPACE_COLUMNS,
  Node: NODE_COLUMNS,
  ConfigMap: CONFIGMAP_COLUMNS,
  Secret: SECRET_COLUMNS,
  ServiceAccount: SERVICEACCOUNT_COLUMNS,
  Event: EVENT_COLUMNS,
  ...ISTIO_COLUMNS,
  ...RBAC_COLUMNS,
}

/** The columns `kubectl get` shows for kind, wide ones included only when wide. */
export function columnsFor(kind: string, wide: boolean): readonly Column[] {
  return (BY_KIND[kind] ?? DEFAULT_COLUMNS).filter((c) => wide || !c.wide)
}
