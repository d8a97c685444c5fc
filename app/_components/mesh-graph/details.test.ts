// Side panel details: a service's configuration and routes, a workload's mTLS and policies, an edge's caller-side routes.
import { describe, expect, it } from 'vitest'
import { detailsFor } from './details'
import { EdgeWindow } from './edge-window'
import { sample, topology } from './fixture.test-util'
import { buildGraph, svcNode, wlNode } from './graph-model'

const REVIEWS = 'reviews.default.svc.cluster.local'
const t = topology()

describe('detailsFor', () => {
  it('lists a service with its VirtualService and each route table with its sources', () => {
    const g = buildGraph(t, new Map(), { showSystem: false })
    const d = detailsFor(svcNode(REVIEWS), g, t)!
    expect(d.heading).toBe('Service reviews (default)')
    expect(d.sections[0]!.rows).toContainEqual(['VirtualService', 'reviews.default'])
    expect(d.sections[1]).toEqual({ title: 'Routes for reviews.default:9080 (productpage-v1)', rows: [['all requests', 'reviews (v1) 90%, reviews (v3) 10% · from reviews.default']] })
  })

  it("tells a workload's mTLS mode and where it came from", () => {
    const g = buildGraph(t, new Map(), { showSystem: false })
    const d = detailsFor(wlNode('default/reviews-v3'), g, t)!
    expect(d.sections[1]!.rows[0]).toEqual(['mTLS', 'STRICT (namespace policy none)'])
    expect(detailsFor(wlNode('default/reviews-v1'), g, t)!.sections[1]!.rows[0]).toEqual(['mTLS', 'PERMISSIVE (Istio default)'])
  })

  it("gives an edge the caller's routes and the window's figures", () => {
    const w = new EdgeWindow()
    w.add([sample('default/productpage-v1', 'default/reviews-v1', 4, 2)], 0)
    const g = buildGraph(t, w.stats(0), { showSystem: false })
    const d = detailsFor(`${wlNode('default/productpage-v1')}->${svcNode(REVIEWS)}`, g, t)!
    expect(d.heading).toBe('productpage v1 → reviews')
    expect(d.sections[0]!.rows).toContainEqual(['Errors', '2 (5xx or no response)'])
    expect(d.sections[1]!.title).toMatch(/^Routes for reviews/)
    expect(detailsFor('gone', g, t)).toBeUndefined()
  })
})
