// A column of a kind's table: header, whether only `-o wide` shows it, and how to render a cell.
//
// Follows the TableColumnDefinition lists in k8s.io/kubernetes/pkg/printers/internalversion/printers.go
// (priority 1 columns show only with -o wide).

import type { KubeObject } from '../../../cluster/types'

export interface Column {
  readonly header: string
  /** Shown only with `-o wide` (priority 1 in printers.go). */
  readonly wide?: boolean
  cell(obj: KubeObject, now: number, wide: boolean): string
}

/** Loosely typed access to free-form spec/status fields. */
export type Loose = any

export function field(obj: KubeObject, ...path: string[]): Loose {
  let v: Loose = obj
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = v[p]
  }
  return v
}

export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0
}

/** labels.FormatLabels: sorted "k=v" joined by ",", or "<none>". */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort()
  return keys.length === 0 ? '<none>' : keys.map((k) => `${k}=${labels![k]}`).join(',')
}

/** labels.Selector.String() for a LabelSelector: requirements sorted by key, "" when empty. */
export function formatSelector(selector: Loose): string {
  if (!selector || typeof selector !== 'object') return ''
  const reqs: [string, string][] = []
  for (const [k, v] of Object.entries((selector.matchLabels ?? {}) as Record<string, string>)) reqs.push([k, `${k}=${v}`])
  for (const e of (selector.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[]) {
    const values = [...(e.values ?? [])].sort().join(',')
    const text = e.operator === 'In' ? `${e.key} in (${values})` : e.operator === 'NotIn' ? `${e.key} notin (${values})`
      : e.operator === 'Exists' ? e.key : `!${e.key}`
    reqs.push([e.key, text])
  }
  return reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((r) => r[1]).join(',')
}

/** layoutContainerCells: container names and images, each joined by ",". */
export function containerCells(containers: Loose): [string, string] {
  const list = Array.isArray(containers) ? containers : []
  return [list.map((c: Loose) => c?.name ?? '').join(','), list.map((c: Loose) => c?.image ?? '').join(',')]
}

export const nameColumn: Column = { header: 'NAME', cell: (o) => o.metadata.name }
