// `kubectl get` human-readable tables: one table per kind, NAMESPACE/LABELS columns, empty results.
//
// Follows k8s.io/kubectl/pkg/cmd/get/get.go (a new table, after a blank line, whenever the
// resource type changes; "kind.group/name" names when several types were asked for;
// "No resources found in <ns> namespace." on stderr) and k8s.io/cli-runtime/pkg/printers/tableprinter.go
// (uppercase headers, NAMESPACE first with -A, LABELS last with --show-labels, cells cut at the
// first newline with "...").

import { kindByName } from '../../cluster/kinds'
import type { KubeObject } from '../../cluster/types'
import { columnsFor, formatLabels } from './columns'
import { alignRows } from './tabwriter'

export interface TableOptions {
  /** The current time in ms since the epoch (ages are relative to it). */
  now: number
  wide?: boolean
  /** -A: a leading NAMESPACE column for namespaced kinds. */
  allNamespaces?: boolean
  /** The namespace named in "No resources found in <ns> namespace."; omit for -A or cluster-scoped kinds. */
  namespace?: string
  showLabels?: boolean
  /** -L key,...: one column per label key, headed by the upper-cased last path segment of the key. */
  labelColumns?: readonly string[]
  noHeaders?: boolean
  /** Prefix names with "kind.group/"; defaults to true when the objects span several kinds. */
  withKind?: boolean
}

export interface PrintResult {
  stdout: string
  stderr: string
}

/** The text `kubectl get` prints for objects (in the order given). */
export function printTables(objects: readonly KubeObject[], opts: TableOptions): PrintResult {
  if (objects.length === 0) {
    return { stdout: '', stderr: opts.namespace ? `No resources found in ${opts.namespace} namespace.\n` : 'No resources found\n' }
  }
  const withKind = opts.withKind ?? new Set(objects.map((o) => o.kind)).size > 1
  const tables = groupByKind(objects).map((group) => printTable(group, { ...opts, withKind }))
  // get.go: the blank line between resource groups is only written when headers are printed.
  return { stdout: tables.join(opts.noHeaders ? '' : '\n'), stderr: '' }
}

function groupByKind(objects: readonly KubeObject[]): KubeObject[][] {
  const groups: KubeObject[][] = []
  for (const o of objects) {
    const last = groups[groups.length - 1]
    if (last && kindPrefix(last[0]!) === kindPrefix(o)) last.push(o)
    else groups.push([o])
  }
  return groups
}

function printTable(objects: KubeObject[], opts: TableOptions & { withKind: boolean }): string {
  const kind = objects[0]!.kind
  const wide = opts.wide ?? false
  const columns = columnsFor(kind, wide)
  const withNamespace = (opts.allNamespaces ?? false) && (kindByName(kind)?.namespaced ?? true)
  const labelKeys = opts.labelColumns ?? []
  const headers = [
    ...(withNamespace ? ['NAMESPACE'] : []), ...columns.map((c) => c.header),
    ...labelKeys.map((k) => k.split('/').pop()!.toUpperCase()), ...(opts.showLabels ? ['LABELS'] : []),
  ]
  const rows = objects.map((o) => [
    ...(withNamespace ? [o.metadata.namespace ?? ''] : []),
    ...columns.map((c) => cellText(c.header === 'NAME' && opts.withKind ? `${kindPrefix(o)}/${o.metadata.name}` : c.cell(o, opts.now, wide))),
    ...labelKeys.map((k) => o.metadata.labels?.[k] ?? ''),
    ...(opts.showLabels ? [formatLabels(o.metadata.labels)] : []),
  ])
  return alignRows(opts.noHeaders ? rows : [headers, ...rows])
}

/** "pod", "deployment.apps", "virtualservice.networking.istio.io": what `-o name` and mixed tables print. */
export function kindPrefix(o: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  const slash = o.apiVersion.lastIndexOf('/')
  const group = slash < 0 ? '' : o.apiVersion.slice(0, slash)
  const kind = o.kind.toLowerCase()
  return group ? `${kind}.${group}` : kind
}

function cellText(text: string): string {
  const i = text.search(/[\f\n\r]/)
  return i < 0 ? text : `${text.slice(0, i)}...`
}
