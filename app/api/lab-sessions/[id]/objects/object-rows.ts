// Explorer rows: the columns `kubectl get <kind>` prints, per object, plus a pod's containers; and the YAML kubectl shows.
//
// Reuses the sim kubectl's column sets (lab-engine/kubectl/printers), so a row reads
// like the terminal's table: pods NAME READY STATUS RESTARTS AGE, services TYPE
// CLUSTER-IP ..., Istio kinds their CRDs' printer columns.
import type { KindInfo } from '@/lab-engine/cluster/kinds'
import type { KubeObject as StoredObject } from '@/lab-engine/cluster/types'
import type { KubeObject } from '@/lab-engine/drivers/cluster-driver'
import { columnsFor } from '@/lab-engine/kubectl/printers/columns'
import { goYaml } from '@/lab-engine/kubectl/printers/go-yaml'

export interface ContainerRow {
  name: string
  image: string
  ready: boolean
  restarts: number
  /** running, waiting: <reason>, terminated: <reason>, or pending before any status. */
  state: string
  sidecar: boolean
}

export interface ObjectRow {
  name: string
  namespace?: string
  /** One cell per column (NAME first). */
  cells: string[]
  containers?: ContainerRow[]
}

export interface ObjectTable {
  kind: string
  apiVersion: string
  namespaced: boolean
  columns: string[]
  rows: ObjectRow[]
  /** Objects left out past the row limit. */
  truncated: number
}

interface ContainerStatus { name: string; ready?: boolean; restartCount?: number; state?: Record<string, { reason?: string } | undefined> }

function stateText(s: ContainerStatus | undefined): string {
  const [key, detail] = Object.entries(s?.state ?? {})[0] ?? []
  if (!key) return 'pending'
  return detail?.reason ? `${key}: ${detail.reason}` : key
}

function containersOf(pod: KubeObject): ContainerRow[] {
  const spec = (pod.spec ?? {}) as { containers?: { name: string; image?: string }[] }
  const statuses = ((pod.status ?? {}) as { containerStatuses?: ContainerStatus[] }).containerStatuses ?? []
  return (spec.containers ?? []).map((c) => {
    const s = statuses.find((x) => x.name === c.name)
    return { name: c.name, image: c.image ?? '', ready: s?.ready === true, restarts: s?.restartCount ?? 0, state: stateText(s), sidecar: c.name === 'istio-proxy' }
  })
}

/** The table for objects of one kind, `now` being the instant ages count from. */
export function objectTable(info: KindInfo, apiVersion: string, objects: readonly KubeObject[], now: number, limit: number): ObjectTable {
  const columns = columnsFor(info.kind, false)
  const rows = objects.slice(0, limit).map((o): ObjectRow => ({
    name: o.metadata.name,
    ...(info.namespaced && o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    cells: columns.map((c) => c.cell(o as unknown as StoredObject, now, false).split('\n')[0]!),
    ...(info.kind === 'Pod' ? { containers: containersOf(o) } : {}),
  }))
  return { kind: info.kind, apiVersion, namespaced: info.namespaced, columns: columns.map((c) => c.header), rows, truncated: Math.max(0, objects.length - limit) }
}

/** `kubectl get -o yaml` of one object: managedFields dropped, as kubectl does unless --show-managed-fields. */
export function objectYaml(o: KubeObject): string {
  const { managedFields: _dropped, ...metadata } = o.metadata as KubeObject['metadata'] & { managedFields?: unknown }
  return goYaml({ ...o, metadata })
}
