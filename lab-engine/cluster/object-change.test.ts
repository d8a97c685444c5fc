// Tests for the change helper: same object back when nothing changed.
import { describe, expect, it } from 'vitest'
import { deepEqual, deepFreeze, newObjectWith } from './object-change'
import type { KubeObject } from './types'

const base: KubeObject = {
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name: 'c', namespace: 'default', uid: 'u', resourceVersion: '5', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z', labels: { a: '1' } },
  data: { k: 'v' },
}
let rv = 10
const next = () => String(++rv)

describe('newObjectWith', () => {
  it('returns the same object when only server-owned fields differ', () => {
    const candidate = { ...base, metadata: { ...base.metadata, uid: 'other', resourceVersion: '1', generation: 9 } }
    expect(newObjectWith(base, candidate, next)).toBe(base)
  })

  it('keeps identity, bumps resourceVersion, and generation only for desired state', () => {
    const relabelled = newObjectWith(base, { ...base, metadata: { ...base.metadata, labels: { a: '2' } } }, next)
    expect(relabelled.metadata).toMatchObject({ uid: 'u', generation: 1, creationTimestamp: base.metadata.creationTimestamp })
    expect(relabelled.metadata.resourceVersion).not.toBe('5')
    const edited = newObjectWith(base, { ...base, data: { k: 'w' } }, next)
    expect(edited.metadata.generation).toBe(2)
  })

  it('keeps a generation-less object generation-less, whatever the candidate carries', () => {
    const { generation: _g, ...meta } = base.metadata
    const secretLike: KubeObject = { ...base, metadata: meta }
    const edited = newObjectWith(secretLike, { ...secretLike, data: { k: 'w' }, metadata: { ...meta, generation: 3 } }, next)
    expect(edited.metadata).not.toHaveProperty('generation')
    expect(edited.data).toEqual({ k: 'w' })
  })
})

describe('deepEqual and deepFreeze', () => {
  it('ignores key order and undefined fields', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true)
    expect(deepEqual([1, 2], { 0: 1, 1: 2 })).toBe(false)
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false)
  })

  it('freezes nested values', () => {
    const v = deepFreeze({ a: { b: [1] } })
    expect(Object.isFrozen(v.a.b)).toBe(true)
  })
})
