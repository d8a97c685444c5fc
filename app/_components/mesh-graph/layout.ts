// A deterministic left-to-right layered layout: callers left of what they call, each namespace in its own band.
//
// Like Kiali's default (dagre, rankDir LR) but with no randomness, so the same graph
// always lands in the same place and an edge update never moves a node. Layers are
// longest paths after dropping the edges that close a cycle (found by a depth-first
// walk in id order); inside a layer, nodes keep id order.

export const LAYER_GAP = 220
export const ROW_GAP = 90
export const BAND_GAP = 80

export interface LayoutNode {
  readonly id: string
  /** The compound (namespace) node it sits in; nodes without one share a band. */
  readonly parent?: string
}

export interface LayoutEdge {
  readonly source: string
  readonly target: string
}

export type Positions = Map<string, { x: number; y: number }>

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Edges that do not close a cycle, found by DFS over nodes and targets in id order. */
function acyclic(ids: string[], out: Map<string, string[]>): Map<string, string[]> {
  const state = new Map<string, 'open' | 'done'>()
  const kept = new Map<string, string[]>(ids.map((id) => [id, []]))
  const visit = (start: string) => {
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }]
    state.set(start, 'open')
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      const targets = out.get(top.id) ?? []
      if (top.next >= targets.length) { state.set(top.id, 'done'); stack.pop(); continue }
      const t = targets[top.next++]!
      if (state.get(t) === 'open') continue
      kept.get(top.id)!.push(t)
      if (!state.has(t)) { state.set(t, 'open'); stack.push({ id: t, next: 0 }) }
    }
  }
  for (const id of ids) if (!state.has(id)) visit(id)
  return kept
}

/** Longest-path layer of each node over the acyclic edges. */
export function layers(ids: readonly string[], edges: readonly LayoutEdge[]): Map<string, number> {
  const sorted = [...ids].sort(byId)
  const known = new Set(sorted)
  const out = new Map<string, string[]>()
  for (const e of edges) {
    if (!known.has(e.source) || !known.has(e.target) || e.source === e.target) continue
    out.set(e.source, [...new Set([...(out.get(e.source) ?? []), e.target])].sort(byId))
  }
  const dag = acyclic(sorted, out)
  const indegree = new Map(sorted.map((id) => [id, 0]))
  for (const ts of dag.values()) for (const t of ts) indegree.set(t, indegree.get(t)! + 1)
  const depth = new Map(sorted.map((id) => [id, 0]))
  const queue = sorted.filter((id) => indegree.get(id) === 0)
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!
    for (const t of dag.get(id) ?? []) {
      depth.set(t, Math.max(depth.get(t)!, depth.get(id)! + 1))
      indegree.set(t, indegree.get(t)! - 1)
      if (indegree.get(t) === 0) queue.push(t)
    }
  }
  return depth
}

/** Positions for the leaf nodes (compound parents size themselves around their children). */
export function layeredLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Positions {
  const depth = layers(nodes.map((n) => n.id), edges)
  const bands = new Map<string, LayoutNode[]>()
  for (const n of nodes) bands.set(n.parent ?? '', [...(bands.get(n.parent ?? '') ?? []), n])
  const minDepth = (list: LayoutNode[]) => Math.min(...list.map((n) => depth.get(n.id) ?? 0))
  const order = [...bands.entries()].sort(([a, la], [b, lb]) => minDepth(la) - minDepth(lb) || byId(a, b))
  const positions: Positions = new Map()
  let top = 0
  for (const [, list] of order) {
    const columns = new Map<number, string[]>()
    for (const n of list) columns.set(depth.get(n.id) ?? 0, [...(columns.get(depth.get(n.id) ?? 0) ?? []), n.id])
    let rows = 0
    for (const [layer, ids] of columns) {
      ids.sort(byId).forEach((id, row) => positions.set(id, { x: layer * LAYER_GAP, y: top + row * ROW_GAP }))
      rows = Math.max(rows, ids.length)
    }
    top += rows * ROW_GAP + BAND_GAP
  }
  return positions
}

/** A key that changes only when the laid-out structure does (node set, edge set). */
export function layoutKey(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): string {
  return JSON.stringify([nodes.map((n) => `${n.parent ?? ''}/${n.id}`).sort(), edges.map((e) => `${e.source}>${e.target}`).sort()])
}
