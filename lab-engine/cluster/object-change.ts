// Object change: the one helper through which every stored object changes, bumping versions only on real change.
//
// Like excalidraw's newElementWith: a change that changes nothing returns the
// same object. resourceVersion follows the API concepts page ("resource
// versions"); generation follows the API conventions ("metadata.generation:
// a sequence number representing a specific generation of the desired state",
// i.e. it moves with spec, not with status or metadata).

import type { KubeObject, ObjectMeta } from './types'

/** Server-owned metadata: a client's values for these are ignored on update. */
const SERVER_META = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp'] as const

/** Structural equality over JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined)
  if (ka.length !== kb.length) return false
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** A deep copy of a JSON-like value; several times faster than structuredClone for the small objects the store holds. */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(cloneJson) as T
  const out: Record<string, unknown> = {}
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = cloneJson(v)
  }
  return out as T
}

/** Freezes a JSON-like value in place, all the way down, so stored objects cannot be edited behind the store. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/** The desired state: every top-level field but identity, metadata and status (spec, data, subsets...). */
function desiredState(obj: KubeObject): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, metadata: _m, status: _s, ...rest } = obj
  return rest
}

function clientMeta(meta: ObjectMeta): Partial<ObjectMeta> {
  const copy: Partial<ObjectMeta> = { ...meta }
  for (const key of SERVER_META) delete copy[key]
  return copy
}

/**
 * Returns prev unchanged when candidate differs from it only in server-owned
 * metadata; otherwise a new object that keeps prev's identity, takes the next
 * resourceVersion and bumps generation when the desired state changed.
 */
export function newObjectWith(prev: KubeObject, candidate: KubeObject, nextResourceVersion: () => string): KubeObject {
  const specChanged = !deepEqual(desiredState(prev), desiredState(candidate))
  const metaChanged = !deepEqual(clientMeta(prev.metadata), clientMeta(candidate.metadata))
  const statusChanged = !deepEqual(prev.status, candidate.status)
  const typeChanged = prev.apiVersion !== candidate.apiVersion
  if (!specChanged && !metaChanged && !statusChanged && !typeChanged) return prev
  const metadata: ObjectMeta = {
    ...candidate.metadata,
    uid: prev.metadata.uid,
    creationTimestamp: prev.metadata.creationTimestamp,
    resourceVersion: nextResourceVersion(),
  }
  // Kinds whose strategy sets no generation (ConfigMap, Secret...) keep none, whatever the client sent.
  if (prev.metadata.generation === undefined) delete metadata.generation
  else metadata.generation = prev.metadata.generation + (specChanged ? 1 : 0)
  if (prev.metadata.deletionTimestamp) metadata.deletionTimestamp = prev.metadata.deletionTimestamp
  else delete metadata.deletionTimestamp
  return { ...candidate, kind: prev.kind, metadata }
}
