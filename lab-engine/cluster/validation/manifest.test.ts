import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseManifest } from './manifest'
import { MAX_DOCUMENTS, MAX_MANIFEST_BYTES, MAX_NESTING_DEPTH, MAX_STRING_LENGTH } from './manifest-limits'

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'

describe('parseManifest: good input', () => {
  it('reads several YAML documents with their index and line, skipping empty ones', () => {
    const r = parseManifest(`${CM}---\n---\n# just a comment\n${CM.replace('name: a', 'name: b')}`)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.objects.map((o) => [(o.object.metadata as { name: string }).name, o.document, o.line])).toEqual([['a', 0, 1], ['b', 2, 8]])
  })

  it('reads JSON', () => {
    const r = parseManifest('{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}', { source: 'ns.json' })
    expect(r.ok && r.objects[0]!.object.kind).toBe('Namespace')
  })

  it('flattens a List', () => {
    const r = parseManifest(`apiVersion: v1\nkind: List\nitems:\n- ${CM.trim().split('\n').join('\n  ')}\n- apiVersion: v1\n  kind: Namespace\n  metadata: {name: n}\n`)
    expect(r.ok && r.objects.map((o) => o.object.kind)).toEqual(['ConfigMap', 'Namespace'])
  })

  it('accepts an empty manifest', () => {
    expect(parseManifest('')).toEqual({ ok: true, objects: [] })
  })
})

describe('parseManifest: kubectl errors', () => {
  const cases: Array<[string, string, string]> = [
    ['nested mapping', 'apiVersion: v1\nkind: Pod\nmetadata: name: x\n',
      'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context'],
    ['tab indent', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
      'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token'],
    ['line counted within the document', `${CM}---\napiVersion: v1\nkind: Pod\nmetadata: name: x\n`,
      'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context'],
    ['duplicate key', 'apiVersion: v1\nkind: Pod\nkind: Service\n',
      'error: error parsing x.yaml: error converting YAML to JSON: yaml: unmarshal errors:\n  line 3: mapping key "kind" already defined at line 2'],
    ['missing apiVersion and kind', 'metadata:\n  name: x\n',
      'error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false'],
    ['missing kind only', 'apiVersion: v1\nmetadata:\n  name: x\n',
      'error: error validating "x.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false'],
    ['unclosed flow sequence', 'apiVersion: v1\nkind: ConfigMap\ndata: [a, b\n',
      "error: error parsing x.yaml: error converting YAML to JSON: yaml: line 4: did not find expected ',' or ']'"],
    ['unclosed quote', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "web\n',
      'error: error parsing x.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream'],
    ['unknown anchor', 'apiVersion: v1\nkind: ConfigMap\ndata: *nope\n',
      "error: error parsing x.yaml: error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"],
    ['a scalar document', 'hello\n',
      'error: unable to decode "x.yaml": json: cannot unmarshal string into Go value of type map[string]interface {}'],
  ]
  it.each(cases)('%s', (_name, text, message) => {
    const r = parseManifest(text, { source: 'x.yaml' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toBe(message)
  })

  it('reports the absolute line beside the message', () => {
    const r = parseManifest(`${CM}---\nkind: Pod\nmetadata: name: x\n`)
    expect(!r.ok && r.line).toBe(7)
  })

  it('names STDIN when no source is given', () => {
    const r = parseManifest('a: b: c')
    expect(!r.ok && r.message).toMatch(/^error: error parsing STDIN: /)
  })
})

describe('parseManifest: limits refuse quickly', () => {
  const limits: Array<[string, () => string, RegExp]> = [
    ['huge input', () => `${CM}data:\n  x: "${'a'.repeat(MAX_MANIFEST_BYTES)}"\n`, /over the limit of 1048576 bytes$/],
    ['deep flow nesting', () => '['.repeat(300_000), new RegExp(`nesting is deeper than ${MAX_NESTING_DEPTH} levels$`)],
    ['deep JSON', () => '{"a":'.repeat(MAX_NESTING_DEPTH + 5) + '1' + '}'.repeat(MAX_NESTING_DEPTH + 5), /nesting is deeper than/],
    ['deep block nesting', () => Array.from({ length: MAX_NESTING_DEPTH + 5 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n', /nesting is deeper than/],
    ['too many documents', () => `${CM}---\n`.repeat(MAX_DOCUMENTS + 1), /more than 500 documents$/],
    ['a long string', () => `${CM}data:\n  x: "${'a'.repeat(MAX_STRING_LENGTH + 1)}"\n`, /a string is longer than 262144 characters$/],
    ['alias bomb', () => 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', /^error: error parsing x.yaml: /],
  ]
  it.each(limits)('%s', (_name, make, message) => {
    const text = make()
    const start = performance.now()
    const r = parseManifest(text, { source: 'x.yaml' })
    expect(performance.now() - start).toBeLessThan(1500)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(message)
  })
})

describe('parseManifest: property', () => {
  const yamlish = fc.array(
    fc.oneof(fc.constantFrom('apiVersion: v1\n', 'kind: Pod\n', '---\n', ': ', '- ', '  ', '\t', '[', ']', '{', '}', '"', "'", '&a ', '*a', '#', '\n', 'metadata:\n  name: x\n', 'items: []\n', 'kind: List\n', '!!binary ', '|\n', '? '), fc.string()),
    { maxLength: 40 },
  )
  it('returns a result for any YAML-ish text and never throws', () => {
    fc.assert(fc.property(yamlish, (parts) => {
      const r = parseManifest(parts.join(''), { source: 'p.yaml' })
      expect(typeof r.ok).toBe('boolean')
      if (!r.ok) expect(r.message).toMatch(/^error: /)
    }), { numRuns: 400 })
  })
})

describe('parseManifest: pathological YAML stays fast', () => {
  const slow: Array<[string, string]> = [
    ['compact nested sequences', `${'- '.repeat(400_000)}x`],
    ['compact complex keys', `${'? '.repeat(400_000)}x`],
    ['many anchors on one node', `${'&a '.repeat(300_000)}x`],
    ['many tags on one node', `${'!t '.repeat(300_000)}x`],
    ['anchors across lines', `${'&a\n'.repeat(300_000)}x`],
    ['many quoted scalars on a line', '"a" '.repeat(250_000)],
    ['nested compact mappings', `${'a: '.repeat(300_000)}x`],
  ]
  it.each(slow)('%s', (_name, text) => {
    const start = performance.now()
    const r = parseManifest(text, { source: 'x.yaml' })
    expect(performance.now() - start).toBeLessThan(2000)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(/^error: error parsing x\.yaml: /)
  })
})
