// `kubectl get --sort-by=<jsonpath>`: which objects come first, and when sorting fails.
//
// Follows k8s.io/kubectl/pkg/cmd/get/sorter.go and get.go:
// - the expression is relaxed (`.a.b`, `a.b`, `{a.b}` all become `{.a.b}`) and run with
//   missing keys allowed; the first result of the first template node is the sort key;
// - keys compare by their JSON type: integers and floats numerically (an integer against a
//   float cannot be compared), strings as quantities when both parse ("100Mi" < "1Gi") else in
//   natural order ("pod-2" < "pod-10"; RFC 3339 timestamps in time order); null sorts first;
//   booleans, maps and lists are unsortable. kubectl treats that as fatal (klog.Fatalf, exit 255);
// - a key missing on an object sorts it first; two missing keys are each "less" than the other,
//   as kubectl's Less says (kubernetes/kubectl#1875), which reverses them;
// - a list (json, yaml, name, jsonpath, custom-columns) is sorted whole and errors when no object
//   has the key (`couldn't find any field with path "{.x}" in the list of objects`);
// - a server-side table is sorted per resource type while printing. Its errors are dropped by
//   get.go, so a table whose rows all lack the key prints nothing (kubernetes/kubectl#1343);
//   a table of one row is not sorted at all. When several types or names are asked for, kubectl
//   first sorts the Table objects themselves, so a key tables lack (`.metadata.name`) is an error
//   (kubernetes/kubernetes#104318).
// klog's fatal header carries a process id and a source line; ours are fixed estimates, and the
// goroutine dump klog adds after the message is left out.
// Go's sort.Sort is an insertion sort up to 12 items, which we reproduce exactly; longer lists
// are merge-sorted (stable), where Go's pdqsort gives ties no particular order.

import type { KubeObject } from '../../cluster/types'
import { goSharpV } from '../printers/jsonpath/evaluate'
import { evalPath, JsonPathError, parseTemplate, type Segment } from '../printers/jsonpath'
import { KubectlError } from './context'
import { naturalLess } from './natural-less'
import { compareQuantities, parseQuantity } from './quantity'

/** kubectl's klog.Fatalf: the message goes on stderr after klog's header (klogFatal) and kubectl exits 255. */
export class SortFatal extends Error {
  constructor(readonly site: string, message: string) {
    super(message)
  }
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/
/** pdqsort's maxInsertion: Go sorts this many items or fewer by insertion. */
const INSERTION_MAX = 12
const FATAL_LIST_SITE = 'sorter.go:260'
const FATAL_TABLE_SITE = 'sorter.go:313'
/** The process id klog prints; a session has no real kubectl process, so a fixed one. */
const KUBECTL_PID = 1

/** RelaxedJSONPathExpression from kubectl's customcolumn.go. */
export function relaxedJsonPath(expr: string): string {
  if (expr === '') return expr
  const m = RELAXED.exec(expr)
  if (!m) throw new KubectlError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
  return `{.${m[1] || m[2]}}`
}

type Key = { kind: 'missing' } | { kind: 'value'; value: unknown } | { kind: 'error'; message: string }

/**
 * The printGeneric path: the whole list in sort order. Throws KubectlError with kubectl's message,
 * or SortFatal where kubectl exits through klog.Fatalf.
 */
export function sortList(objects: readonly KubeObject[], sortBy: string): KubeObject[] {
  return sortedIndexes(objects, sortBy).map((i) => objects[i]!)
}

/** SortObjects: the order of `objects` as indexes. */
function sortedIndexes(objects: readonly unknown[], sortBy: string): number[] {
  if (objects.length === 0) return []
  const field = relaxedJsonPath(sortBy)
  const template = parse(field)
  const keys = objects.map((o) => keyOf(template, o))
  const firstFound = keys.findIndex((k) => k.kind === 'value')
  const firstError = keys.findIndex((k) => k.kind === 'error')
  if (firstError >= 0 && (firstFound < 0 || firstError < firstFound)) throw new KubectlError((keys[firstError] as { message: string }).message)
  if (firstFound < 0) throw new KubectlError(notFound(field))
  return sortIndexes(objects.length, (i, j) => listLess(field, objects, keys, i, j))
}

/** What kubectl's builder returns for one request: a server-side Table of rows. */
export interface TableGroup {
  rows: readonly KubeObject[]
  /** The Table's metadata.resourceVersion: the list's, or for a GET by name the object's. */
  tableRv: string
}

/**
 * The human-readable path: each table (one per resource type listed, one per name asked for) as
 * it prints, sorted; null for a table kubectl prints nothing of. With several tables kubectl first
 * sorts the Table objects themselves (RuntimeSorter), which can fail or reorder them.
 */
export function sortTables(groups: readonly TableGroup[], sortBy: string): (KubeObject[] | null)[] {
  const field = relaxedOrRaw(sortBy)
  const ordered = groups.length > 1 ? sortedIndexes(groups.map(tableObject), sortBy).map((i) => groups[i]!) : groups
  return ordered.map((g) => sortTable(g.rows, field))
}

function tableObject(g: TableGroup): unknown {
  return { apiVersion: 'meta.k8s.io/v1', kind: 'Table', metadata: { resourceVersion: g.tableRv } }
}

export interface SortRequest {
  sortBy: string
  /** Human-readable output (table, wide): server-side tables sorted as they print. */
  table: boolean
  /** One group per resource type listed and per name asked for, in request order. */
  groups: readonly TableGroup[]
  /** `kubectl get TYPE NAME` for one name: printed alone, never sorted. */
  single: boolean
}

/** What to print after --sort-by: the objects in order, or null with the error kubectl adds to its list. */
export function sortForOutput(r: SortRequest): { objects: KubeObject[] | null; error?: string } {
  const all = r.groups.flatMap((g) => g.rows)
  if (r.table) return { objects: sortTables(r.groups, r.sortBy).flatMap((g) => g ?? []) }
  if (r.single) return { objects: all }
  try {
    return { objects: sortList(all, r.sortBy) }
  } catch (e) {
    if (e instanceof KubectlError) return { objects: null, error: `error: ${e.message}` }
    throw e
  }
}

/** klog's header for a fatal line: `F1125 04:31:51.123456   12345 sorter.go:260] msg`. */
export function klogFatal(e: SortFatal, nowMs: number): string {
  const d = new Date(nowMs)
  const two = (n: number) => String(n).padStart(2, '0')
  const micros = String(Math.floor((nowMs % 1000) * 1000)).padStart(6, '0')
  return `F${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${micros} ${String(KUBECTL_PID).padStart(7)} ${e.site}] ${e.message}\n`
}

/** SortingPrinter on one decoded Table: tables of 0 or 1 rows print as they are; errors drop the table. */
function sortTable(rows: readonly KubeObject[], field: string): KubeObject[] | null {
  if (rows.length <= 1) return [...rows]
  let template: Segment[]
  try {
    template = parseTemplate(field)
  } catch (e) {
    if (e instanceof JsonPathError) return null
    throw e
  }
  const keys = rows.map((o) => keyOf(template, o))
  if (keys.some((k) => k.kind === 'error') || !keys.some((k) => k.kind === 'value')) return null
  const less = (i: number, j: number) => {
    const [a, b] = [keys[i]!, keys[j]!]
    if (a.kind !== 'value') return true
    if (b.kind !== 'value') return false
    return compareOrFatal(a.value, b.value, (err) => new SortFatal(FATAL_TABLE_SITE, `Field ${field} in [][][]reflect.Value is an unsortable type: interface, err: ${err}`))
  }
  return sortIndexes(rows.length, less).map((i) => rows[i]!)
}

/** RuntimeSort.Less: a key that failed to evaluate is fatal once it is compared. */
function listLess(field: string, objects: readonly unknown[], keys: readonly Key[], i: number, j: number): boolean {
  const [a, b] = [keys[i]!, keys[j]!]
  if (a.kind === 'error') throw new SortFatal(FATAL_LIST_SITE, `Failed to get i values for &unstructured.Unstructured{Object:${goSharpV(objects[i])}} using ${field} (&errors.errorString{s:${JSON.stringify(a.message)}})`)
  if (b.kind === 'error') throw new SortFatal(FATAL_LIST_SITE, `Failed to get j values for &unstructured.Unstructured{Object:${goSharpV(objects[j])}} using ${field} (${b.message})`)
  if (a.kind === 'missing') return true
  if (b.kind === 'missing') return false
  return compareOrFatal(a.value, b.value, (err) => new SortFatal(FATAL_LIST_SITE, `Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: ${err}`))
}

function compareOrFatal(a: unknown, b: unknown, fatal: (err: string) => SortFatal): boolean {
  const less = isLess(a, b)
  if (typeof less === 'string') throw fatal(less)
  return less
}

/** sorter.go isLess for two unstructured values (reflect.Interface); a string is the error. */
export function isLess(a: unknown, b: unknown): boolean | string {
  if (a === null && b === null) return false
  if (a === null) return true
  if (b === null) return false
  if (typeof a === 'number') {
    const int = Number.isInteger(a)
    if (typeof b === 'number' && Number.isInteger(b) === int) return a < b
    return 'unsortable interface: interface'
  }
  if (typeof a === 'string') {
    if (typeof b !== 'string') return 'unsortable interface: interface'
    const qa = parseQuantity(a)
    if (!qa) return naturalLess(a, b)
    // kubectl ignores the second parse error, so a non-quantity counts as zero here.
    return compareQuantities(qa, parseQuantity(b) ?? { mantissa: 0n, exp10: 0 }) < 0
  }
  return `unsortable type: ${goTypeName(a)}`
}

/** Go's sort.Sort over indexes with `less`: insertion sort for short lists, stable merge sort above. */
function sortIndexes(n: number, less: (i: number, j: number) => boolean): number[] {
  const order = Array.from({ length: n }, (_, i) => i)
  if (n <= INSERTION_MAX) {
    for (let i = 1; i < n; i++) {
      for (let j = i; j > 0 && less(order[j]!, order[j - 1]!); j--) [order[j], order[j - 1]] = [order[j - 1]!, order[j]!]
    }
    return order
  }
  return mergeSort(order, less)
}

function mergeSort(items: number[], less: (i: number, j: number) => boolean): number[] {
  if (items.length <= 1) return items
  const mid = items.length >> 1
  const left = mergeSort(items.slice(0, mid), less)
  const right = mergeSort(items.slice(mid), less)
  const out: number[] = []
  while (left.length && right.length) out.push(less(right[0]!, left[0]!) ? right.shift()! : left.shift()!)
  return [...out, ...left, ...right]
}

/** findJSONPathResults: every template node is run (any may fail); the key is the first node's first result. */
function keyOf(template: readonly Segment[], obj: unknown): Key {
  try {
    const results = template.map((seg) => (seg.type === 'text' ? [seg.text] : evalPath(seg.path, [obj], obj)))
    const first = results[0]
    return first && first.length > 0 ? { kind: 'value', value: first[0] ?? null } : { kind: 'missing' }
  } catch (e) {
    if (e instanceof JsonPathError) return { kind: 'error', message: e.message }
    throw e
  }
}

function parse(field: string): Segment[] {
  try {
    return parseTemplate(field)
  } catch (e) {
    if (e instanceof JsonPathError) throw new KubectlError(e.message)
    throw e
  }
}

/** NewRuntimeSorter: the relaxed form, or the expression as typed when it does not relax. */
function relaxedOrRaw(sortBy: string): string {
  try {
    return relaxedJsonPath(sortBy)
  } catch (e) {
    if (e instanceof KubectlError) return sortBy
    throw e
  }
}

function notFound(field: string): string {
  return `couldn't find any field with path ${JSON.stringify(field)} in the list of objects`
}

function goTypeName(v: unknown): string {
  if (typeof v === 'boolean') return 'bool'
  if (Array.isArray(v)) return '[]interface {}'
  return 'map[string]interface {}'
}
