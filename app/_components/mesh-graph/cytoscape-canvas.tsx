'use client'
// The Cytoscape canvas: loaded with import() on first render, kept in step with the model without re-laying out on traffic updates.
//
// Positions come from the layered layout and change only when the drawn structure
// does (a node or an edge pair appears); edges seen once stay in the layout's input,
// so an edge fading out of the traffic window does not move anything. "Tidy" runs
// fcose once from the current positions (randomize off: same input, same result).
import { useEffect, useRef, useState } from 'react'
import type { Core, ElementDefinition } from 'cytoscape'
import { toElements } from './graph-elements'
import type { GraphModel } from './graph-model'
import { graphStyle, type Theme } from './graph-style'
import { layeredLayout, layoutKey, type LayoutEdge } from './layout'

interface Props {
  model: GraphModel
  theme: Theme
  selected: string | null
  onSelect(id: string | null): void
  /** Bumped by the parent to ask for an fcose pass. */
  tidy: number
}

async function createCy(container: HTMLElement, theme: Theme): Promise<Core> {
  const [{ default: cytoscape }, { default: fcose }] = await Promise.all([import('cytoscape'), import('cytoscape-fcose')])
  cytoscape.use(fcose)
  return cytoscape({ container, style: graphStyle(theme), elements: [], layout: { name: 'preset' }, minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false })
}

function sync(cy: Core, elements: ElementDefinition[]): void {
  const want = new Set(elements.map((e) => e.data.id!))
  cy.batch(() => {
    cy.edges().filter((e) => !want.has(e.id())).remove()
    cy.nodes().filter((n) => !want.has(n.id())).remove()
    for (const el of elements) {
      const found = cy.getElementById(el.data.id!)
      if (found.empty()) cy.add(el)
      else found.data(el.data).classes(el.classes ?? '')
    }
  })
}

export function CytoscapeCanvas({ model, theme, selected, onSelect, tidy }: Props) {
  const container = useRef<HTMLDivElement>(null)
  const [cy, setCy] = useState<Core | null>(null)
  const seenEdges = useRef(new Map<string, LayoutEdge>())
  const lastKey = useRef('')
  const select = useRef(onSelect)
  select.current = onSelect

  useEffect(() => {
    let made: Core | undefined
    let cancelled = false
    void createCy(container.current!, theme).then((c) => {
      if (cancelled) return c.destroy()
      made = c
      c.on('tap', 'node, edge', (e) => select.current(e.target.id()))
      c.on('tap', (e) => { if (e.target === c) select.current(null) })
      setCy(c)
    })
    return () => { cancelled = true; made?.destroy() }
    // Made once: the theme has its own effect below.
  }, [])

  useEffect(() => { cy?.style(graphStyle(theme)) }, [cy, theme])

  useEffect(() => {
    if (!cy) return
    for (const e of model.edges) seenEdges.current.set(e.id, { source: e.source, target: e.target })
    const leaves = model.nodes.filter((n) => n.kind !== 'namespace')
    const ids = new Set(leaves.map((n) => n.id))
    const edges = [...seenEdges.current.values()].filter((e) => ids.has(e.source) && ids.has(e.target))
    const key = layoutKey(leaves, edges)
    const positions = layeredLayout(leaves, edges)
    sync(cy, toElements(model, positions))
    if (key !== lastKey.current) {
      lastKey.current = key
      cy.nodes().filter((n) => !n.isParent()).forEach((n) => { const p = positions.get(n.id()); if (p) n.position(p) })
      cy.fit(undefined, 30)
    }
  }, [cy, model])

  useEffect(() => {
    if (!cy) return
    cy.elements().unselect()
    if (selected) cy.getElementById(selected).select()
  }, [cy, selected, model])

  // A resized pane (the workbench's splitters, the window) refits the graph instead of leaving it small in a corner.
  useEffect(() => {
    const el = container.current
    if (!cy || !el) return
    let frame = 0
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame)
      frame = requestAnimationFrame(() => {
        cy.resize()
        cy.fit(undefined, 30)
      })
    })
    observer.observe(el)
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
    }
  }, [cy])

  useEffect(() => {
    if (cy && tidy > 0) cy.layout({ name: 'fcose', randomize: false, animate: false, nodeDimensionsIncludeLabels: true } as Parameters<Core['layout']>[0]).run()
  }, [cy, tidy])

  return <div ref={container} className="h-full w-full" aria-hidden="true" data-testid="mesh-graph-canvas" />
}
