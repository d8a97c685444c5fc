// JSON patch (RFC 6902): add, remove, replace, move, copy and test over JSON pointers (RFC 6901).
//
// Error wording follows github.com/evanphx/json-patch as the API server returns it
// (kubernetes/kubernetes#70281: `jsonpatch replace operation does not apply: doc is
// missing key: /spec/tolerations`); kubectl prints those as `Error from server: ...`.
// Assumption: the v4 library's exact suffixes (": missing value") are left out.

import { deepEqual } from '../../cluster/object-change'
import { PatchError } from './merge-patch'

type Json = unknown
type Container = Record<string, unknown> | unknown[]

/** More operations than this in one patch are refused. */
export const MAX_JSON_PATCH_OPS = 1000

interface Op { op: string; path: string; from?: string; value?: unknown }

/** Applies ops in order to a copy of doc; any failing op aborts the whole patch. */
export function jsonPatch(doc: Json, ops: unknown): Json {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch')
  if (ops.length > MAX_JSON_PATCH_OPS) throw new PatchError(`json patch has more than ${MAX_JSON_PATCH_OPS} operations`)
  let out = structuredClone(doc)
  for (const raw of ops) out = applyOp(out, checkOp(raw))
  return out
}

function checkOp(raw: unknown): Op {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new PatchError('json: cannot unmarshal array into Go value of type jsonpatch.Operation')
  const op = raw as Record<string, unknown>
  if (typeof op.op !== 'string') throw new PatchError('Unexpected kind: unknown')
  if (typeof op.path !== 'string') throw new PatchError(`${op.op} operation missing path`)
  if ((op.op === 'move' || op.op === 'copy') && typeof op.from !== 'string') throw new PatchError(`${op.op} operation missing from`)
  return op as unknown as Op
}

function applyOp(doc: Json, op: Op): Json {
  switch (op.op) {
    case 'add': return add(doc, op.path, structuredClone(op.value), 'add')
    case 'remove': return remove(doc, op.path, 'remove').doc
    case 'replace': return replace(doc, op)
    case 'move': {
      const taken = remove(doc, op.from!, 'move')
      return add(taken.doc, op.path, taken.value, 'move')
    }
    case 'copy': return add(doc, op.path, structuredClone(resolve(doc, op.from!, 'copy')), 'copy')
    case 'test':
      if (!deepEqual(lookup(doc, parsePointer(op.path)), op.value ?? null)) throw new PatchError(`testing value ${op.path} failed: test failed`)
      return doc
    default: throw new PatchError(`Unexpected kind: ${op.op}`)
  }
}

export function parsePointer(path: string): string[] {
  if (path === '') return []
  if (!path.startsWith('/')) throw new PatchError(`doc is missing path: ${path}`)
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
}

function lookup(doc: Json, tokens: readonly string[]): Json | undefined {
  let cur: Json = doc
  for (const t of tokens) {
    if (Array.isArray(cur)) cur = /^(0|[1-9]\d*)$/.test(t) ? cur[Number(t)] : undefined
    else if (typeof cur === 'object' && cur !== null && Object.hasOwn(cur, t)) cur = (cur as Record<string, unknown>)[t]
    else return undefined
  }
  return cur
}

function resolve(doc: Json, path: string, op: string): Json {
  const v = lookup(doc, parsePointer(path))
  if (v === undefined) throw new PatchError(`jsonpatch ${op} operation does not apply: doc is missing from path: ${path}`)
  return v
}

/** The container a path's last token lives in, and that token. */
function parentOf(doc: Json, path: string, op: string): { parent: Container; key: string } {
  const tokens = parsePointer(path)
  const key = tokens.pop()
  const parent = lookup(doc, tokens)
  if (key === undefined || typeof parent !== 'object' || parent === null) throw new PatchError(`jsonpatch ${op} operation does not apply: doc is missing path: ${path}`)
  return { parent: parent as Container, key }
}

function add(doc: Json, path: string, value: Json, op: string): Json {
  if (path === '') return value
  const { parent, key } = parentOf(doc, path, op)
  if (!Array.isArray(parent)) { parent[key] = value; return doc }
  const index = key === '-' ? parent.length : arrayIndex(key, parent.length + 1, path, op)
  parent.splice(index, 0, value)
  return doc
}

function remove(doc: Json, path: string, op: string): { doc: Json; value: Json } {
  const { parent, key } = parentOf(doc, path, op)
  if (Array.isArray(parent)) {
    const index = arrayIndex(key, parent.length, path, op)
    return { doc, value: parent.splice(index, 1)[0] }
  }
  if (!Object.hasOwn(parent, key)) throw new PatchError(`jsonpatch ${op} operation does not apply: doc is missing key: ${path}`)
  const value = parent[key]
  delete parent[key]
  return { doc, value }
}

function replace(doc: Json, op: Op): Json {
  if (op.path === '') return structuredClone(op.value)
  const { parent, key } = parentOf(doc, op.path, 'replace')
  if (Array.isArray(parent)) { parent[arrayIndex(key, parent.length, op.path, 'replace')] = structuredClone(op.value); return doc }
  if (!Object.hasOwn(parent, key)) throw new PatchError(`jsonpatch replace operation does not apply: doc is missing key: ${op.path}`)
  parent[key] = structuredClone(op.value)
  return doc
}

function arrayIndex(key: string, limit: number, path: string, op: string): number {
  const n = /^(0|[1-9]\d*)$/.test(key) ? Number(key) : NaN
  if (!(n < limit)) throw new PatchError(`jsonpatch ${op} operation does not apply: doc is missing path: ${path}`)
  return n
}
