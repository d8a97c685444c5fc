import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { kindFor } from '../kinds'
import { parseManifest } from './manifest'
import { validateObject } from './validate'

const SAMPLES = path.resolve(import.meta.dirname, '../../../content/samples')

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return yamlFiles(full)
    return e.name.endsWith('.yaml') ? [full] : []
  })
}

const ISTIO = { istioInstalled: true }

describe('validateObject: the shipped samples pass', () => {
  const files = yamlFiles(SAMPLES)
  it('finds the samples', () => {
    expect(files.length).toBeGreaterThan(10)
  })
  it.each(files.map((f) => [path.relative(SAMPLES, f), f]))('%s', (_rel, file) => {
    const parsed = parseManifest(readFileSync(file, 'utf8'), { source: file })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const served = parsed.objects.filter((o) => kindFor(String(o.object.apiVersion), String(o.object.kind)))
    for (const { object } of served) expect(validateObject(object, ISTIO), `${String(object.kind)}`).toEqual({ ok: true })
  })
})

const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'reviews', namespace: 'default' }, spec: { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] } }

describe('validateObject: refusals in kubectl shape', () => {
  const cases: Array<[string, Record<string, unknown>, boolean, string]> = [
    ['Istio kind before Istio is installed', vs, false,
      'error: resource mapping not found for name: "reviews" namespace: "default" from "vs.yaml": no matches for kind "VirtualService" in version "networking.istio.io/v1"\nensure CRDs are installed first'],
    ['removed MeshPolicy', { apiVersion: 'authentication.istio.io/v1alpha1', kind: 'MeshPolicy', metadata: { name: 'default' }, spec: { peers: [{ mtls: {} }] } }, true,
      'error: resource mapping not found for name: "default" namespace: "" from "vs.yaml": no matches for kind "MeshPolicy" in version "authentication.istio.io/v1alpha1"\nensure CRDs are installed first'],
    ['removed Policy', { apiVersion: 'authentication.istio.io/v1alpha1', kind: 'Policy', metadata: { name: 'p', namespace: 'foo' } }, true,
      'error: resource mapping not found for name: "p" namespace: "foo" from "vs.yaml": no matches for kind "Policy" in version "authentication.istio.io/v1alpha1"\nensure CRDs are installed first'],
    ['extensions/v1beta1 Deployment', { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'web' } }, false,
      'error: resource mapping not found for name: "web" namespace: "" from "vs.yaml": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first'],
    ['missing kind', { apiVersion: 'v1', metadata: { name: 'x' } }, false,
      'error: error validating "vs.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false'],
    ['schema error', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 'x', selector: {}, template: {} } }, false,
      'The Deployment "web" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    ['unknown field', { ...vs, spec: { ...vs.spec, htp: [] } }, true,
      'Error from server (BadRequest): error when creating "vs.yaml": VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.htp"'],
    ['webhook denial', { ...vs, spec: { hosts: ['reviews'], http: [{ fault: {}, route: [{ destination: { host: 'reviews' } }] }] } }, true,
      'Error from server (BadRequest): error when creating "vs.yaml": admission webhook "validation.istio.io" denied the request: configuration is invalid: HTTP fault injection must have an abort and/or a delay'],
    ['webhook on v1beta1 too', { ...vs, apiVersion: 'networking.istio.io/v1beta1', spec: { hosts: [], http: [] } }, true,
      'Error from server (BadRequest): error when creating "vs.yaml": admission webhook "validation.istio.io" denied the request: configuration is invalid: virtual service must have at least one host'],
  ]
  it.each(cases)('%s', (_name, obj, istioInstalled, message) => {
    expect(validateObject(obj, { source: 'vs.yaml', istioInstalled })).toEqual({ ok: false, message })
  })

  it('admits the same VirtualService once Istio is installed', () => {
    expect(validateObject(vs, ISTIO)).toEqual({ ok: true })
  })
})

describe('validateObject: property', () => {
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
      fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('spec', 'hosts', 'http', 'route', 'destination', 'host', 'weight', 'metadata', 'name', 'x'), tie('v'), { maxKeys: 4 })),
  })).v
  const kinds = fc.constantFrom(['v1', 'Pod'], ['apps/v1', 'Deployment'], ['networking.istio.io/v1', 'VirtualService'], ['networking.istio.io/v1alpha3', 'EnvoyFilter'],
    ['security.istio.io/v1', 'AuthorizationPolicy'], ['security.istio.io/v1beta1', 'RequestAuthentication'], ['nope/v1', 'Thing'])
  it('answers any object with a result, never an exception', () => {
    fc.assert(fc.property(kinds, fc.record({ metadata: value, spec: value }), fc.boolean(), ([apiVersion, kind], rest, istioInstalled) => {
      const r = validateObject({ apiVersion, kind, ...rest }, { istioInstalled })
      expect(typeof r.ok).toBe('boolean')
    }), { numRuns: 500 })
  })

  it('parses and validates random YAML-ish text without throwing', () => {
    const piece = fc.oneof(fc.constantFrom('apiVersion: v1\n', 'apiVersion: networking.istio.io/v1\n', 'kind: VirtualService\n', 'kind: Pod\n', 'spec:\n', '  hosts: [a]\n', '  http:\n  - route: []\n', '---\n', 'metadata: {name: x}\n', ': ', '[', '{', '"', '\t'), fc.string({ maxLength: 8 }))
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const parsed = parseManifest(parts.join(''))
      if (parsed.ok) for (const o of parsed.objects) expect(typeof validateObject(o.object, ISTIO).ok).toBe('boolean')
    }), { numRuns: 400 })
  })
})
