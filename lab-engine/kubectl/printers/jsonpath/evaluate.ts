// Evaluator for kubectl's JSONPath templates over plain JSON data.
//
// Follows k8s.io/client-go/util/jsonpath/jsonpath.go with AllowMissingKeys(true), as
// `kubectl get -o jsonpath` sets it: a missing key yields nothing, an index out of range is an
// error ("array index out of bounds: index 0, length 0"), several results of one action print
// separated by spaces, maps and arrays print as JSON, range repeats its body per result.

import { compareBytes, goJson } from '../go-json'
import { JsonPathError, type PathNode, type Segment } from './parse'

type Json = unknown

/** Runs a parsed template over data and returns the text it prints. */
export function executeTemplate(segments: readonly Segment[], data: Json, root: Json = data): string {
  let out = ''
  for (const seg of segments) {
    if (seg.type === 'text') out += seg.text
    else if (seg.type === 'action') out += printResults(evalPath(seg.path, [data], root))
    else for (const item of evalPath(seg.path, [data], root)) out += executeTemplate(seg.body, item, root)
  }
  return out
}

/** jsonpath PrintResults: objects and arrays as compact JSON, scalars as text, joined by spaces. */
export function printResults(values: readonly Json[]): string {
  return values.map((v) => (v !== null && typeof v === 'object' ? goJson(v) : v === null || v === undefined ? 'null' : String(v))).join(' ')
}

export function evalPath(path: readonly PathNode[], input: readonly Json[], root: Json): Json[] {
  let cur: Json[] = [...input]
  for (const node of path) cur = evalNode(node, cur, root)
  return cur
}

function evalNode(node: PathNode, input: Json[], root: Json): Json[] {
  switch (node.type) {
    case 'root': return [root]
    case 'literal': return input.map(() => node.value)
    case 'field': return input.flatMap((v) => (isMap(v) && node.name in v ? [v[node.name]] : []))
    case 'wildcard': return input.flatMap(children)
    case 'recursive': return input.flatMap(descendants)
    case 'slice': return input.flatMap((v) => slice(node, v))
    case 'union': return node.paths.flatMap((p) => evalPath(p, input, root))
    case 'filter': return input.flatMap((v) => filter(node, v, root))
  }
}

function isMap(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function children(v: Json): Json[] {
  if (Array.isArray(v)) return v
  return isMap(v) ? Object.keys(v).sort(compareBytes).map((k) => v[k]) : []
}

function descendants(v: Json): Json[] {
  return [v, ...children(v).flatMap(descendants)]
}

function slice(node: Extract<PathNode, { type: 'slice' }>, v: Json): Json[] {
  if (v === null || v === undefined) return []
  if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`)
  const len = v.length
  let start = node.start ?? 0
  if (start < 0) start += len
  let end = node.index ? start + 1 : node.end ?? len
  if (!node.index && end < 0) end += len
  const step = node.step ?? 1
  if (end !== start) {
    if (start >= len || start < 0) throw new JsonPathError(`array index out of bounds: index ${start}, length ${len}`)
    if (end > len || end < 0) throw new JsonPathError(`array index out of bounds: index ${end - 1}, length ${len}`)
  }
  const out: Json[] = []
  for (let i = start; i < end; i += step > 0 ? step : 1) out.push(v[i])
  return out
}

function filter(node: Extract<PathNode, { type: 'filter' }>, v: Json, root: Json): Json[] {
  const items = Array.isArray(v) ? v : isMap(v) ? children(v) : []
  return items.filter((item) => {
    const lefts = evalPath(node.left, [item], root)
    if (node.op === 'exists') return lefts.length > 0
    if (lefts.length === 0) return false
    if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time')
    const rights = evalPath(node.right, [item], root)
    if (rights.length === 0) return false
    if (rights.length > 1) throw new JsonPathError('can only compare one element at a time')
    return compare(node.op, lefts[0], rights[0])
  })
}

function compare(op: string, a: Json, b: Json): boolean {
  switch (op) {
    case '==': return a === b
    case '!=': return a !== b
    case '<': return ordered(a, b, (x, y) => x < y)
    case '>': return ordered(a, b, (x, y) => x > y)
    case '<=': return ordered(a, b, (x, y) => x <= y)
    case '>=': return ordered(a, b, (x, y) => x >= y)
    default: throw new JsonPathError(`unrecognized filter operator ${op}`)
  }
}

function ordered(a: Json, b: Json, cmp: (x: number | string, y: number | string) => boolean): boolean {
  if (typeof a === 'number' && typeof b === 'number') return cmp(a, b)
  if (typeof a === 'string' && typeof b === 'string') return cmp(a, b)
  throw new JsonPathError('incompatible types for comparison')
}

function goTypeName(v: Json): string {
  if (isMap(v)) return 'map[string]interface {}'
  if (typeof v === 'string') return 'string'
  if (typeof v === 'boolean') return 'bool'
  return typeof v === 'number' ? (Number.isInteger(v) ? 'int64' : 'float64') : 'interface {}'
}

/** Go's %#v for unstructured data, as kubectl's error dump prints the object it was given. */
export function goSharpV(v: Json): string {
  if (v === null || v === undefined) return 'interface {}(nil)'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v)
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`
  const m = v as Record<string, Json>
  return `map[string]interface {}{${Object.keys(m).sort(compareBytes).map((k) => `${JSON.stringify(k)}:${goSharpV(m[k])}`).join(', ')}}`
}
