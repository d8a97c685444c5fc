// The graph model and its Cytoscape elements: split labels from compiled routes, traffic drawn through services, system namespaces hidden.
import { describe, expect, it } from 'vitest'
import { EdgeWindow } from './edge-window'
import { edgeLabel, edgeRows, toElements } from './graph-elements'
import { buildGraph, svcNode, wlNode, type GraphModel } from './graph-model'
import { reviewsTable, sample, SPLIT_90_10, topology } from './fixture.test-util'
import { splitLabels } from './split-labels'

const REVIEWS = 'reviews.default.svc.cluster.local'
const noStats = new Map()

function edge(model: GraphModel, source: string, target: string) {
  return model.edges.find((e) => e.source === source && e.target === target)
}

describe('splitLabels', () => {
  it('labels each workload of a weighted split with its share', () => {
    expect([...splitLabels(topology().routes).get(REVIEWS)!]).toEqual([['default/reviews-v1', '90%'], ['default/reviews-v3', '10%']])
  })

  it('labels a header branch with its match and uses the table most sources share', () => {
    const jason = reviewsTable(['default/productpage-v1', 'default/ratings-v1'], [
      { match: 'end-user=jason', action: 'forward', fault: 'delay 7s 100%', virtualService: SPLIT_90_10[0]!.virtualService, destinations: [{ host: REVIEWS, subset: 'v2', port: 9080, percent: 100, workloads: ['default/reviews-v2'] }] },
      { match: '', action: 'forward', virtualService: SPLIT_90_10[0]!.virtualService, destinations: [{ host: REVIEWS, subset: 'v1', port: 9080, percent: 100, workloads: ['default/reviews-v1'] }] },
    ])
    const other = reviewsTable(['default/details-v1'], SPLIT_90_10)
    expect([...splitLabels([other, jason]).get(REVIEWS)!]).toEqual([['default/reviews-v2', 'end-user=jason (delay 7s 100%)'], ['default/reviews-v1', '100%']])
  })

  it('gives no label when no VirtualService shaped the routes', () => {
    const plain = reviewsTable(['default/productpage-v1'], [{ match: '', action: 'forward', destinations: [{ host: REVIEWS, port: 9080, percent: 100, workloads: ['default/reviews-v1', 'default/reviews-v2'] }] }])
    expect(splitLabels([plain]).has(REVIEWS)).toBe(false)
  })
})

describe('buildGraph', () => {
  it('draws services fanning out to their workloads with the split, and the gateway route', () => {
    const g = buildGraph(topology(), noStats, { showSystem: false })
    expect(edge(g, svcNode(REVIEWS), wlNode('default/reviews-v1'))?.split).toBe('90%')
    expect(edge(g, svcNode(REVIEWS), wlNode('default/reviews-v2'))).toMatchObject({ classes: ['route'] })
    expect(edge(g, wlNode('istio-system/istio-ingressgateway'), svcNode('productpage.default.svc.cluster.local'))).toMatchObject({ split: 'uri /productpage', classes: ['gateway-route', 'split'] })
    expect(g.nodes.map((n) => n.id)).toContain('ns:istio-system')
    expect(g.nodes.map((n) => n.id)).not.toContain(wlNode('istio-system/istiod'))
    expect(g.nodes.map((n) => n.id)).not.toContain(svcNode('kubernetes.default.svc.cluster.local'))
    expect(g.nodes.find((n) => n.id === wlNode('default/reviews-v3'))).toMatchObject({ label: 'reviews v3', parent: 'ns:default', classes: ['workload', 'strict'] })
  })

  it('shows system workloads when asked', () => {
    const g = buildGraph(topology(), noStats, { showSystem: true })
    expect(g.nodes.find((n) => n.id === wlNode('istio-system/istiod'))?.classes).toContain('no-sidecar')
  })

  it('routes traffic to a workload through its service, merging stats; errors make it red, mTLS gives the lock', () => {
    const w = new EdgeWindow()
    w.add([sample('default/productpage-v1', 'default/reviews-v1', 9), sample('default/productpage-v1', 'default/reviews-v3', 1, 1, 40)], 0)
    const g = buildGraph(topology(), w.stats(0), { showSystem: false })
    const call = edge(g, wlNode('default/productpage-v1'), svcNode(REVIEWS))!
    expect(call.traffic).toMatchObject({ requests: 10, errors: 1, errorPercent: 10, p99Ms: 40, rps: 10 })
    expect(call.classes).toEqual(['route', 'traffic', 'failing', 'mtls'])
    const v1 = edge(g, svcNode(REVIEWS), wlNode('default/reviews-v1'))!
    expect(edgeLabel(v1)).toBe('90%\nmTLS · 9 rps · 0% · p99 12ms')
    expect(edge(g, svcNode(REVIEWS), wlNode('default/reviews-v3'))!.classes).toContain('failing')
  })

  it('adds an unknown source and an external host, and shows a system node that has traffic', () => {
    const w = new EdgeWindow()
    w.add([sample('unknown', 'istio-system/istio-ingressgateway', 2, 0, 5, 0), sample('default/productpage-v1', 'api.example.com', 1, 0, 30, 0), sample('default/reviews-v1', 'istio-system/istiod', 1)], 0)
    const g = buildGraph(topology(), w.stats(0), { showSystem: false })
    expect(edge(g, 'unknown', wlNode('istio-system/istio-ingressgateway'))?.classes).toEqual(['route', 'traffic'])
    expect(g.nodes.find((n) => n.id === 'ext:api.example.com')).toMatchObject({ kind: 'external', label: 'api.example.com' })
    expect(edge(g, wlNode('default/reviews-v1'), svcNode('istiod.istio-system.svc.cluster.local'))).toBeDefined()
    expect(g.nodes.map((n) => n.id)).toContain(wlNode('istio-system/istiod'))
  })
})

describe('toElements and edgeRows', () => {
  it('gives Cytoscape compound nodes with positions, and a readable row per edge', () => {
    const g = buildGraph(topology(), noStats, { showSystem: false })
    const els = toElements(g, new Map([[wlNode('default/reviews-v1'), { x: 10, y: 20 }]]))
    const v1 = els.find((e) => e.data.id === wlNode('default/reviews-v1'))!
    expect(v1).toMatchObject({ group: 'nodes', data: { parent: 'ns:default', label: 'reviews v1' }, position: { x: 10, y: 20 }, classes: 'workload' })
    expect(els.findIndex((e) => e.data.id === 'ns:default')).toBeLessThan(els.indexOf(v1))
    const rows = edgeRows(g)
    expect(rows.find((r) => r.to === 'reviews v1')).toMatchObject({ from: 'reviews (service)', split: '90%', traffic: 'no traffic', mtls: '', failing: false })
  })
})
