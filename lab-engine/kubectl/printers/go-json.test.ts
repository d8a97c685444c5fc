// Source: Go encoding/json Marshal/MarshalIndent on map[string]interface{} (sorted keys, HTML-safe escapes), as
// `kubectl get -o json` (cli-runtime JSONPrinter, 4-space indent) prints unstructured objects.
import { describe, expect, it } from 'vitest'
import { goJson } from './go-json'

describe('goJson', () => {
  it('sorts keys and indents', () => {
    expect(goJson({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'a', labels: {} }, items: [], n: [1, true, null] }, '    ')).toBe(`{
    "apiVersion": "v1",
    "items": [],
    "kind": "Pod",
    "metadata": {
        "labels": {},
        "name": "a"
    },
    "n": [
        1,
        true,
        null
    ]
}`)
  })
  it('escapes <, > and & as Go does', () => {
    expect(goJson({ cmd: 'a && b <c>' })).toBe('{"cmd":"a \\u0026\\u0026 b \\u003cc\\u003e"}')
  })
})
