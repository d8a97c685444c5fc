// Diagrams: a module's node/edge list laid out on the server with ELK (layered, groups as compound nodes) and drawn as inline SVG.
//
// Issue 7: module pages ship no graph library; the SVG inherits the page's
// colours through CSS classes (md-diagram-*), so light and dark themes both work.
import type { Element } from 'hast'
import { s } from 'hastscript'
import type { Diagram } from '../module-schema'

// elkjs's bundled build is plain CommonJS with no types of its own worth importing here.
type ElkNode = { id: string; x?: number; y?: number; width?: number; height?: number; children?: ElkNode[]; labels?: { text: string }[] }
type ElkLabel = { text: string; x?: number; y?: number; width?: number; height?: number }
type ElkEdge = { id: string; sources: string[]; targets: string[]; container?: string; labels?: ElkLabel[]; sections?: { startPoint: P; endPoint: P; bendPoints?: P[] }[] }
type P = { x: number; y: number }
type ElkLayout = ElkNode & { edges?: ElkEdge[] }

const NODE_H = 40
const PAD = 16
const CHAR_W = 7.5
const LABEL_CHAR_W = 6.5
const LABEL_H = 16

let elk: Promise<{ layout(graph: object): Promise<ElkLayout> }> | undefined
function elkEngine() {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new ((m as unknown as { default: new () => { layout(graph: object): Promise<ElkLayout> } }).default)())
  return elk
}

export async function diagramSvg(diagram: Diagram, title: string): Promise<Element> {
  const layout = await (await elkEngine()).layout(elkGraph(diagram))
  const offsets = new Map<string, P>([['root', { x: 0, y: 0 }]])
  const shapes: Element[] = []
  const labels = new Map(diagram.nodes.map((n) => [n.id, n.label]))
  const walk = (node: ElkNode, origin: P) => {
    for (const child of node.children ?? []) {
      const at = { x: origin.x + (child.x ?? 0), y: origin.y + (child.y ?? 0) }
      offsets.set(child.id, at)
      if (child.children?.length) shapes.push(groupShape(child, at))
      else shapes.push(nodeShape(labels.get(child.id) ?? child.id, at, child.width ?? 100))
      walk(child, at)
    }
  }
  walk(layout, { x: 0, y: 0 })
  const edges = (layout.edges ?? []).map((e) => edgeShape(e, offsets.get(e.container ?? 'root') ?? { x: 0, y: 0 }))
  const width = Math.ceil((layout.width ?? 200) + 2)
  const height = Math.ceil((layout.height ?? 100) + 2)
  return s('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', ariaLabel: title, className: ['md-diagram-svg'], xmlns: 'http://www.w3.org/2000/svg' }, [
    s('title', title),
    s('desc', describe(diagram)),
    s('defs', [s('marker', { id: 'md-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8, orient: 'auto-start-reverse' }, [s('path', { d: 'M 0 0 L 10 5 L 0 10 z', className: ['md-diagram-arrow'] })])]),
    ...shapes.filter((x) => x.properties?.className && String(x.properties.className).includes('md-diagram-group')),
    ...edges,
    ...shapes.filter((x) => !String(x.properties?.className ?? '').includes('md-diagram-group')),
  ])
}

function elkGraph(d: Diagram): object {
  const node = (n: Diagram['nodes'][number]) => ({ id: n.id, width: Math.max(90, Math.round(n.label.length * CHAR_W + 28)), height: NODE_H })
  const groups = [...new Set(d.nodes.map((n) => n.group).filter((g): g is string => !!g))]
  const children = [
    ...groups.map((g, i) => ({ id: `group-${i}`, labels: [{ text: g }], layoutOptions: { 'elk.padding': `[top=${PAD + 18},left=${PAD},bottom=${PAD},right=${PAD}]` }, children: d.nodes.filter((n) => n.group === g).map(node) })),
    ...d.nodes.filter((n) => !n.group).map(node),
  ]
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'RIGHT', 'elk.hierarchyHandling': 'INCLUDE_CHILDREN', 'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56', 'elk.padding': '[top=8,left=8,bottom=8,right=8]',
      'elk.edgeLabels.placement': 'CENTER', 'elk.spacing.edgeLabel': '4', 'elk.layered.edgeLabels.sideSelection': 'ALWAYS_UP',
    },
    children,
    // Labels go to ELK with their size, so the layout makes room for them (no label over a node or off the canvas).
    edges: d.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to], labels: e.label ? [{ text: e.label, width: Math.round(e.label.length * LABEL_CHAR_W + 8), height: LABEL_H }] : [] })),
  }
}

function nodeShape(label: string, at: P, width: number): Element {
  return s('g', { className: ['md-diagram-node'] }, [
    s('rect', { x: at.x, y: at.y, width, height: NODE_H, rx: 8 }),
    s('text', { x: at.x + width / 2, y: at.y + NODE_H / 2 + 4, textAnchor: 'middle' }, label),
  ])
}

function groupShape(group: ElkNode, at: P): Element {
  return s('g', { className: ['md-diagram-group'] }, [
    s('rect', { x: at.x, y: at.y, width: group.width ?? 0, height: group.height ?? 0, rx: 10 }),
    s('text', { x: at.x + 10, y: at.y + 16 }, group.labels?.[0]?.text ?? ''),
  ])
}

function edgeShape(e: ElkEdge, origin: P): Element {
  const sec = e.sections?.[0]
  if (!sec) return s('g')
  const pts = [sec.startPoint, ...(sec.bendPoints ?? []), sec.endPoint].map((p) => ({ x: p.x + origin.x, y: p.y + origin.y }))
  const d = pts.map((p, i) => `${i ? 'L' : 'M'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ')
  const label = e.labels?.[0]
  return s('g', { className: ['md-diagram-edge'] }, [
    s('path', { d, markerEnd: 'url(#md-arrow)' }),
    ...(label ? [s('text', { x: origin.x + (label.x ?? 0) + (label.width ?? 0) / 2, y: origin.y + (label.y ?? 0) + LABEL_H - 4, textAnchor: 'middle' }, label.text)] : []),
  ])
}

/** The diagram in words, for screen readers. */
function describe(d: Diagram): string {
  const name = new Map(d.nodes.map((n) => [n.id, n.label]))
  const edges = d.edges.map((e) => `${name.get(e.from)} to ${name.get(e.to)}${e.label ? ` (${e.label})` : ''}`)
  return `${d.nodes.length} parts: ${d.nodes.map((n) => n.label + (n.group ? ` in ${n.group}` : '')).join(', ')}.${edges.length ? ` Connections: ${edges.join('; ')}.` : ''}`
}
