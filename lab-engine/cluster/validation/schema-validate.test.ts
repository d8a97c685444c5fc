import { describe, expect, it } from 'vitest'
import { KINDS, apiVersionOf } from '../kinds'
import { deepFreeze } from '../object-change'
import { modelFor } from './schema-table'
import { validateSchema } from './schema-validate'

const deployment = (spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
    ...spec,
  },
})

const vs = (spec: Record<string, unknown>, apiVersion = 'networking.istio.io/v1') => ({ apiVersion, kind: 'VirtualService', metadata: { name: 'reviews' }, spec })

describe('schema table', () => {
  it('has a model for every kind and version the sim serves', () => {
    const missing = KINDS.flatMap((k) => k.versions.map((v) => apiVersionOf(k, v))
      .filter((av) => !modelFor(av, k.kind)).map((av) => `${av} ${k.kind}`))
    expect(missing).toEqual([])
  })
})

describe('validateSchema: good objects pass', () => {
  const good: Array<[string, Record<string, unknown>]> = [
    ['Deployment', deployment()],
    ['Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, name: 'http' }], type: 'LoadBalancer' } }],
    ['ConfigMap with data', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null }, data: { 'a.txt': 'x' } }],
    ['VirtualService v1', vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 50 }, { destination: { host: 'reviews', subset: 'v3' }, weight: 50 }] }] })],
    ['VirtualService v1alpha3', vs({ hosts: ['reviews'], http: [{ match: [{ headers: { 'end-user': { exact: 'jason' } } }], route: [{ destination: { host: 'reviews' } }] }] }, 'networking.istio.io/v1alpha3')],
    ['EnvoyFilter free-form patch value', { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter', metadata: { name: 'f' }, spec: { configPatches: [{ applyTo: 'HTTP_FILTER', patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.lua', typed_config: { '@type': 'x', anything: 1 } } } }] } }],
    ['PeerAuthentication', { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'default', namespace: 'istio-system' }, spec: { mtls: { mode: 'STRICT' } } }],
    ['Telemetry', { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 'mesh-default' }, spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }] } }],
  ]
  it.each(good)('%s', (_name, obj) => {
    expect(validateSchema(obj)).toEqual({ ok: true })
  })
})

describe('validateSchema: bad objects give the API server words', () => {
  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['replicas of the wrong type', deployment({ replicas: 'two' }),
      'The Deployment "web" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"'],
    ['missing selector', { ...deployment(), spec: { template: deployment().spec.template } },
      'The Deployment "web" is invalid: spec.selector: Required value'],
    ['two errors aggregate', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 1 }], restartPolicy: 'Sometimes' } },
      'The Pod "p" is invalid: [spec.containers[0].name: Invalid value: "integer": spec.containers[0].name in body must be of type string: "integer", spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"]'],
    ['weight of the wrong type', vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' }, weight: 'x' }] }] }),
      'The VirtualService "reviews" is invalid: spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"'],
    ['destination without host', vs({ hosts: ['reviews'], http: [{ route: [{ destination: { subset: 'v1' } }] }] }),
      'The VirtualService "reviews" is invalid: spec.http[0].route[0].destination.host: Required value'],
    ['bad mTLS mode', { apiVersion: 'security.istio.io/v1beta1', kind: 'PeerAuthentication', metadata: { name: 'default' }, spec: { mtls: { mode: 'ON' } } },
      'The PeerAuthentication "default" is invalid: spec.mtls.mode: Unsupported value: "ON": supported values: "UNSET", "DISABLE", "PERMISSIVE", "STRICT"'],
    ['unknown field', deployment({ replicass: 3 }),
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"'],
    ['unknown fields deep in lists', { ...deployment(), spec: { ...deployment().spec, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', imagee: 'x', portz: [] }] } } } },
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.template.spec.containers[0].portz"'],
    ['unknown field in an Istio kind', vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subsett: 'v1' } }] }] }),
      'Error from server (BadRequest): error when creating "STDIN": VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.http[0].route[0].destination.subsett"'],
    ['unknown top-level field', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, dta: {} },
      'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"'],
  ]
  it.each(bad)('%s', (_name, obj, message) => {
    const r = validateSchema(obj)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toBe(message)
  })

  it('names the source file in strict decoding errors', () => {
    const r = validateSchema(deployment({ replicass: 3 }), { source: 'web.yaml' })
    expect(!r.ok && r.message).toContain('error when creating "web.yaml"')
  })

  it('validates frozen objects, as the store keeps them', () => {
    expect(validateSchema(deepFreeze(deployment({ replicass: 1 })))).toMatchObject({ ok: false, reason: 'BadRequest' })
    expect(validateSchema(deepFreeze(deployment()))).toEqual({ ok: true })
  })

  it('leaves the object untouched', () => {
    const obj = deployment({ replicas: 'two' })
    const before = structuredClone(obj)
    validateSchema(obj)
    expect(obj).toEqual(before)
  })
})
