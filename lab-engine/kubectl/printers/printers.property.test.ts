// Source: properties of kubectl's printers — `-o yaml` output reads back as the same data (sigs.k8s.io/yaml
// round-trips), `-o json` is valid JSON, and jsonpath never fails with anything but kubectl's error text.
import fc from 'fast-check'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { goJson } from './go-json'
import { goYaml } from './go-yaml'
import { printJsonPath } from './jsonpath'

const normal = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown
const data = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 }))

describe('printer properties', () => {
  it('goYaml output parses back to the same data', () => {
    fc.assert(fc.property(data, (obj) => {
      // The yaml package's 1.1 schema reads some plain words (e.g. E0) as floats where go-yaml does not; core is exact here.
      expect(parse(goYaml(obj))).toEqual(normal(obj))
    }), { numRuns: 300 })
  })

  it('goYaml quotes strings that YAML 1.1 would read as other types', () => {
    fc.assert(fc.property(fc.constantFrom('yes', 'No', 'on', 'OFF', '~', 'null', '1e3', '0x1F', '0o17', '12', '-3', '.5', '2026-01-01', '1:30', ''), (s) => {
      expect(parse(goYaml({ k: s }), { schema: 'yaml-1.1' })).toEqual({ k: s })
    }))
  })

  it('goJson output parses back to the same data', () => {
    fc.assert(fc.property(data, (obj) => {
      expect(JSON.parse(goJson(obj, '    '))).toEqual(normal(obj))
    }), { numRuns: 300 })
  })

  it('jsonpath answers every template with output or a kubectl error, never a crash', () => {
    const template = fc.array(fc.constantFrom('{', '}', '.', '..', '[', ']', '*', '?(', ')', '@', '"', "'", 'range ', 'end', 'a', 'items', '0', ':', '-1', '==', ',', '\\', ' ', 'x'), { maxLength: 12 }).map((p) => p.join(''))
    fc.assert(fc.property(template, data, (t, obj) => {
      const r = printJsonPath(t, { items: [obj], a: obj })
      if (r.exitCode === 0) expect(r.stderr).toBe('')
      else expect(r.stderr).toMatch(/^error: error (parsing|executing) jsonpath /)
    }), { numRuns: 500 })
  })
})
