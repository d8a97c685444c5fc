// The editor's schema: kind dispatch, the squiggles a learner should see, and that it stays in step with the model packages.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { Ajv, type ErrorObject } from 'ajv'
import { parseAllDocuments } from 'yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { KINDS } from '@/lab-engine/cluster/kinds'
import schema from './kube-schemas.json'

const ROOT = path.resolve(import.meta.dirname, '../..')

let validate: (doc: unknown) => ErrorObject[]

beforeAll(() => {
  const ajv = new Ajv({ allErrors: true, strict: false })
  const check = ajv.compile(schema)
  validate = (doc) => (check(doc) ? [] : (check.errors ?? []))
})

const reviews = (weight: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews' },
  spec: {
    hosts: ['reviews'],
    http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight }, { destination: { host: 'reviews', subset: 'v3' }, weight: 10 }] }],
    ...extra,
  },
})

describe('kube-schemas.json', () => {
  it('accepts a valid VirtualService', () => {
    expect(validate(reviews(90))).toEqual([])
  })

  it('rejects weight: x with the schema message at its path', () => {
    const errors = validate(reviews('x'))
    expect(errors.map((e) => `${e.instancePath} ${e.message}`)).toContain('/spec/http/0/route/0/weight must be integer')
  })

  it('knows integer fields from the cluster validator (a fractional weight is refused)', () => {
    expect(validate(reviews(0.5)).map((e) => e.instancePath)).toContain('/spec/http/0/route/0/weight')
  })

  it('flags an unknown field', () => {
    const errors = validate(reviews(90, { htttp: [] }))
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: '/spec', keyword: 'additionalProperties', params: { additionalProperty: 'htttp' } }))
  })

  it('selects the schema by apiVersion and kind: a VirtualService field is unknown on a DestinationRule', () => {
    const dr = { apiVersion: 'networking.istio.io/v1beta1', kind: 'DestinationRule', metadata: { name: 'reviews' }, spec: { host: 'reviews', http: [] } }
    expect(validate(dr)).toContainEqual(expect.objectContaining({ instancePath: '/spec', params: { additionalProperty: 'http' } }))
    expect(validate({ ...dr, spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }] } })).toEqual([])
  })

  it('offers every kind the sim serves, and flags one it does not', () => {
    const kinds = (schema.properties.kind as { enum: string[] }).enum
    for (const info of KINDS) expect(kinds).toContain(info.kind)
    expect(validate({ apiVersion: 'v1', kind: 'MeshPolicy', metadata: { name: 'x' } }).map((e) => e.instancePath)).toContain('/kind')
  })

  it('accepts every sample manifest the course ships', () => {
    const problems: string[] = []
    let checked = 0
    for (const file of yamlFiles(path.join(ROOT, 'content/samples'))) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const obj = doc.toJS() as { kind?: string } | null
        if (!obj?.kind) continue
        checked++
        for (const e of validate(obj)) problems.push(`${path.relative(ROOT, file)} ${obj.kind} ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
      }
    }
    expect(problems).toEqual([])
    expect(checked).toBeGreaterThan(50)
  })

  it('was generated from the installed model packages (else run node lib/editor-schemas/generate.mjs)', () => {
    for (const name of ['kubernetes-models', '@kubernetes-models/istio']) {
      const { version } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
      expect(schema.$comment).toContain(`${name}@${version}`)
    }
  })
})

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return yamlFiles(full)
    return /\.ya?ml$/.test(name) ? [full] : []
  })
}
