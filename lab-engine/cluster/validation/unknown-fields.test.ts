import { describe, expect, it } from 'vitest'
import { fieldPath, pointerSegments, valueAt } from './field-path'
import { modelFor } from './schema-table'
import { track } from './unknown-fields'

function unknownIn(obj: Record<string, unknown>): string[] {
  const model = modelFor(String(obj.apiVersion), String(obj.kind))!
  const tracked = track(obj)
  try {
    model.prototype.validate.call(tracked.proxy)
  } catch {
    // schema errors are not this test's concern
  }
  return tracked.unknownFields()
}

describe('unknown fields through the recording proxy', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['map keys (labels, annotations, data) are never unknown',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { anything: 'x' }, annotations: { 'a.b/c': 'd' } }, data: { 'any-key': 'v' } }, []],
    ['a misspelled metadata field', { apiVersion: 'v1', kind: 'Namespace', metadata: { nme: 'x' } }, ['metadata.nme']],
    ['fields inside list items, with indices',
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }, { port: 81, targetport: 8080 }] } }, ['spec.ports[1].targetport']],
    ['free-form EnvoyFilter values are not checked',
      { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter', metadata: { name: 'f' }, spec: { configPatches: [{ patch: { value: { whatever: { deep: 1 } } }, mtach: {} }] } }, ['spec.configPatches[0].mtach']],
    ['an unknown subtree is reported once, at its root',
      { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { severs: [{ port: { number: 80 } }] } }, ['spec.severs']],
  ]
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(unknownIn(obj)).toEqual(expected)
  })
})

describe('field paths', () => {
  it('print as the API server does', () => {
    expect(fieldPath(['spec', 'http', 0, 'route', '1', 'weight'])).toBe('spec.http[0].route[1].weight')
    expect(pointerSegments('/metadata/annotations/a~1b')).toEqual(['metadata', 'annotations', 'a/b'])
    expect(valueAt({ a: [{ b: 2 }] }, '/a/0/b')).toBe(2)
    expect(valueAt({ a: 1 }, '/a/b')).toBeUndefined()
  })
})
