import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../cluster/types'
import { runAnalyzers, type AnalysisInput } from './analyzers'

const KINDS = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Service', 'Pod', 'Namespace']

function inputOf(objects: KubeObject[]): AnalysisInput {
  return { namespaces: ['default'], originOf: () => undefined, byKind: (k) => objects.filter((o) => o.kind === k) }
}

describe('analyzers on arbitrary specs (files can hold anything)', () => {
  it('never throw, and every message has a known level and an IST code', () => {
    const spec = fc.anything({ maxDepth: 4, maxKeys: 5, withNullPrototype: false })
    const shaped = fc.record({
      hosts: fc.oneof(fc.constant(['web']), fc.anything({ maxDepth: 2 })),
      host: fc.oneof(fc.constant('web'), fc.anything({ maxDepth: 1 })),
      gateways: fc.oneof(fc.constant(['gw']), fc.anything({ maxDepth: 2 })),
      http: fc.oneof(fc.constant([{ route: [{ destination: { host: 'web', subset: 'v1' } }] }]), fc.anything({ maxDepth: 3 })),
      subsets: fc.oneof(fc.constant([{ name: 'v1' }]), fc.anything({ maxDepth: 2 })),
      selector: fc.oneof(fc.constant({ app: 'x' }), fc.anything({ maxDepth: 2 })),
      ports: fc.oneof(fc.constant([{ name: 'web', port: 80 }]), fc.anything({ maxDepth: 2 })),
      containers: fc.anything({ maxDepth: 2 }),
    }, { requiredKeys: [] })
    const obj = fc.record({
      kind: fc.constantFrom(...KINDS),
      name: fc.constantFrom('a', 'b', 'default'),
      spec: fc.oneof(spec, shaped),
      labels: fc.option(fc.dictionary(fc.constantFrom('istio-injection', 'app', 'sidecar.istio.io/inject'), fc.constantFrom('enabled', 'x', 'false')), { nil: undefined }),
    }).map(({ kind, name, spec, labels }) => ({
      apiVersion: 'v1', kind, spec,
      metadata: { name, ...(kind === 'Namespace' ? {} : { namespace: 'default' }), ...(labels ? { labels } : {}), uid: name, resourceVersion: '1', generation: 1, creationTimestamp: '' },
    }) as KubeObject)
    fc.assert(fc.property(fc.array(obj, { maxLength: 8 }), (objects) => {
      for (const m of runAnalyzers(inputOf(objects))) {
        expect(['Error', 'Warning', 'Info']).toContain(m.level)
        expect(m.code).toMatch(/^IST\d{4}$/)
      }
    }), { numRuns: 300 })
  })
})

describe('istioctl analyze <file> on arbitrary documents', () => {
  it('answers with 0, 1 or 79 and never crashes', async () => {
    const { harness } = await import('./harness.test-util')
    const h = harness()
    await h.sh('istioctl install -y --set profile=minimal >/dev/null')
    const doc = fc.record({
      apiVersion: fc.oneof(fc.constantFrom('networking.istio.io/v1', 'v1'), fc.anything({ maxDepth: 1 })),
      kind: fc.oneof(fc.constantFrom(...KINDS), fc.anything({ maxDepth: 1 })),
      metadata: fc.oneof(fc.record({ name: fc.string({ maxLength: 5 }) }), fc.anything({ maxDepth: 2 })),
      spec: fc.anything({ maxDepth: 3 }),
    }, { requiredKeys: [] })
    await fc.assert(fc.asyncProperty(fc.array(doc, { maxLength: 4 }), async (docs) => {
      h.session.vfs.writeFile('/home/learner/f.yaml', docs.map((d) => JSON.stringify(d)).join('\n---\n'))
      const r = await h.istioctl(['analyze', 'f.yaml'])
      expect([0, 1, 79]).toContain(r.code)
    }), { numRuns: 150 })
  }, 60_000)
})
