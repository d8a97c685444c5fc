// Cytoscape elements from the graph model: node and edge data, classes and labels; and the same edges as table rows.
//
// Edge labels read like Kiali's: the split from the compiled routes on the first
// line, then a lock for mutual TLS and "3.2 rps · 0% · p99 12ms" from the window.
import type { ElementDefinition } from 'cytoscape'
import { trafficLabel } from './edge-window'
import type { GraphEdge, GraphModel, GraphNode } from './graph-model'
import type { Positions } from './layout'

/** Marks mutual-TLS edges; text, not an emoji, so it shows without an emoji font. */
export const LOCK = 'mTLS ·'

export function edgeLabel(e: GraphEdge): string {
  const traffic = e.traffic ? `${e.traffic.mtlsRatio >= 0.5 ? `${LOCK} ` : ''}${trafficLabel(e.traffic)}` : ''
  return [e.split ?? '', traffic].filter(Boolean).join('\n')
}

function nodeElement(n: GraphNode, positions: Positions): ElementDefinition {
  const position = positions.get(n.id)
  return {
    group: 'nodes',
    data: { id: n.id, label: n.label, kind: n.kind, ref: n.ref, ...(n.parent ? { parent: n.parent } : {}) },
    classes: n.classes.join(' '),
    ...(position ? { position: { ...position } } : {}),
  }
}

function edgeElement(e: GraphEdge): ElementDefinition {
  return { group: 'edges', data: { id: e.id, source: e.source, target: e.target, label: edgeLabel(e) }, classes: e.classes.join(' ') }
}

/** Nodes first (namespace boxes before their children), then edges. */
export function toElements(model: GraphModel, positions: Positions): ElementDefinition[] {
  return [...model.nodes.map((n) => nodeElement(n, positions)), ...model.edges.map(edgeElement)]
}

export interface EdgeRow {
  readonly id: string
  readonly from: string
  readonly to: string
  readonly split: string
  readonly traffic: string
  readonly mtls: string
  readonly failing: boolean
}

/** The text alternative: one row per edge, in the order a reader would follow (by source, then target). */
export function edgeRows(model: GraphModel): EdgeRow[] {
  const label = new Map(model.nodes.map((n) => [n.id, n.kind === 'service' ? `${n.label} (service)` : n.label]))
  return model.edges.map((e) => ({
    id: e.id,
    from: label.get(e.source) ?? e.source,
    to: label.get(e.target) ?? e.target,
    split: e.split ?? '',
    traffic: e.traffic ? trafficLabel(e.traffic) : 'no traffic',
    mtls: e.traffic ? (e.traffic.mtlsRatio >= 0.5 ? 'mTLS' : 'plaintext') : '',
    failing: (e.traffic?.errors ?? 0) > 0,
  })).sort((a, b) => (a.from === b.from ? (a.to < b.to ? -1 : 1) : a.from < b.from ? -1 : 1))
}
