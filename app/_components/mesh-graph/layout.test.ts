// The layered layout: callers left of callees, cycles tolerated, namespaces in separate bands, same input same output.
import { describe, expect, it } from 'vitest'
import { BAND_GAP, LAYER_GAP, layeredLayout, layers, layoutKey, ROW_GAP } from './layout'

const nodes = [
  { id: 'wl:gw', parent: 'ns:istio-system' },
  { id: 'svc:pp', parent: 'ns:default' },
  { id: 'wl:pp', parent: 'ns:default' },
  { id: 'svc:reviews', parent: 'ns:default' },
  { id: 'wl:reviews-v1', parent: 'ns:default' },
  { id: 'wl:reviews-v2', parent: 'ns:default' },
]
const edges = [
  { source: 'wl:gw', target: 'svc:pp' },
  { source: 'svc:pp', target: 'wl:pp' },
  { source: 'wl:pp', target: 'svc:reviews' },
  { source: 'svc:reviews', target: 'wl:reviews-v1' },
  { source: 'svc:reviews', target: 'wl:reviews-v2' },
]

describe('layers', () => {
  it('puts each node one layer right of its furthest caller', () => {
    expect(Object.fromEntries(layers(nodes.map((n) => n.id), edges))).toEqual({ 'wl:gw': 0, 'svc:pp': 1, 'wl:pp': 2, 'svc:reviews': 3, 'wl:reviews-v1': 4, 'wl:reviews-v2': 4 })
  })

  it('breaks a cycle instead of looping', () => {
    const d = layers(['a', 'b', 'c'], [{ source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' }])
    expect(Object.fromEntries(d)).toEqual({ a: 0, b: 1, c: 2 })
  })
})

describe('layeredLayout', () => {
  it('places layers left to right and namespaces in bands, the earliest band on top', () => {
    const p = layeredLayout(nodes, edges)
    expect(p.get('wl:gw')).toEqual({ x: 0, y: 0 })
    const band = ROW_GAP + BAND_GAP
    expect(p.get('svc:pp')).toEqual({ x: LAYER_GAP, y: band })
    expect(p.get('wl:reviews-v1')).toEqual({ x: 4 * LAYER_GAP, y: band })
    expect(p.get('wl:reviews-v2')).toEqual({ x: 4 * LAYER_GAP, y: band + ROW_GAP })
  })

  it('is deterministic whatever the input order', () => {
    const a = layeredLayout(nodes, edges)
    const b = layeredLayout([...nodes].reverse(), [...edges].reverse())
    expect([...b].sort()).toEqual([...a].sort())
    expect(layoutKey(nodes, edges)).toBe(layoutKey([...nodes].reverse(), [...edges].reverse()))
    expect(layoutKey(nodes, edges.slice(1))).not.toBe(layoutKey(nodes, edges))
  })
})
