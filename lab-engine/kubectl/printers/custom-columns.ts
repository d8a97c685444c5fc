// `kubectl get -o custom-columns=HEADER:PATH,...`.
//
// Follows k8s.io/cli-runtime/pkg/printers/customcolumn.go (NewCustomColumnsPrinterFromSpec,
// RelaxedJSONPathExpression, "<none>" for no result, several results joined by ",", values printed
// with Go's fmt.Sprint) and its error wording.

import type { KubeObject } from '../../cluster/types'
import { compareBytes } from './go-json'
import { evalPath, JsonPathError, parsePath, type PathNode } from './jsonpath'
import { alignRows } from './tabwriter'

export interface CustomColumn {
  header: string
  path: PathNode[]
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/

/** Parses a custom-columns spec; throws Error with kubectl's message (without the "error: " prefix). */
export function parseCustomColumns(spec: string): CustomColumn[] {
  if (spec.length === 0) throw new Error('custom-columns format specified but no custom columns given')
  return spec.split(',').map((part) => {
    const i = part.indexOf(':')
    if (i < 0) throw new Error(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`)
    return { header: part.slice(0, i), path: parseRelaxed(part.slice(i + 1)) }
  })
}

function parseRelaxed(expr: string): PathNode[] {
  if (expr === '') return []
  const m = RELAXED.exec(expr)
  if (!m) throw new Error("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'")
  try {
    return parsePath(`.${m[1] ?? m[2]}`)
  } catch (e) {
    if (e instanceof JsonPathError) throw new Error(e.message)
    throw e
  }
}

/** The table for objects (items of a list are rows); headers as given, not upper-cased. */
export function printCustomColumns(objects: readonly KubeObject[], columns: readonly CustomColumn[], noHeaders = false): string {
  const rows = objects.map((o) => columns.map((c) => cell(o, c.path)))
  return alignRows(noHeaders ? rows : [columns.map((c) => c.header), ...rows])
}

function cell(o: KubeObject, path: PathNode[]): string {
  const values = evalPath(path, [o], o)
  return values.length === 0 ? '<none>' : values.map(goSprint).join(',')
}

/** Go's fmt.Sprint for unstructured values: map[k:v], [a b], <nil>. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`
  if (typeof v === 'object') {
    const m = v as Record<string, unknown>
    return `map[${Object.keys(m).sort(compareBytes).map((k) => `${k}:${goSprint(m[k])}`).join(' ')}]`
  }
  return String(v)
}
