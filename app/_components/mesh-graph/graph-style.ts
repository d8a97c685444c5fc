// The graph's Cytoscape stylesheet for the light and dark themes: Kiali's shapes (triangle services, round workloads), red failures.
import type { StylesheetJson } from 'cytoscape'

export type Theme = 'light' | 'dark'

const PALETTE = {
  light: { text: '#0f172a', muted: '#475569', node: '#ffffff', border: '#1f64c2', box: '#f1f5f9', boxBorder: '#cbd5e1', edge: '#64748b', ok: '#15803d', fail: '#dc2626', selected: '#f59e0b', labelBg: '#ffffff' },
  dark: { text: '#e2e8f0', muted: '#94a3b8', node: '#0f172a', border: '#60a5fa', box: '#111827', boxBorder: '#334155', edge: '#94a3b8', ok: '#4ade80', fail: '#f87171', selected: '#fbbf24', labelBg: '#020617' },
} as const

/** System fonts first, then the platforms' emoji fonts for the lock on mTLS edges. */
const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif'

export function graphStyle(theme: Theme): StylesheetJson {
  const c = PALETTE[theme]
  return [
    { selector: 'node', style: { label: 'data(label)', 'font-family': FONT, color: c.text, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4, 'background-color': c.node, 'border-width': 2, 'border-color': c.border, width: 34, height: 34, 'text-wrap': 'ellipsis', 'text-max-width': '140px' } },
    { selector: 'node.namespace', style: { shape: 'round-rectangle', 'background-color': c.box, 'border-color': c.boxBorder, 'border-width': 1, 'text-valign': 'top', 'text-halign': 'left', 'text-margin-x': 60, 'text-margin-y': -4, color: c.muted, 'font-weight': 'bold', padding: '24px' } },
    { selector: 'node.service', style: { shape: 'round-triangle', width: 36, height: 32 } },
    { selector: 'node.workload', style: { shape: 'ellipse' } },
    { selector: 'node.gateway', style: { shape: 'round-diamond', width: 40, height: 40 } },
    { selector: 'node.unknown, node.external', style: { shape: 'round-pentagon', 'border-style': 'dotted' } },
    { selector: 'node.no-sidecar', style: { 'border-style': 'dashed', 'border-color': c.muted } },
    { selector: 'node.degraded', style: { 'border-color': c.fail, 'border-width': 3 } },
    { selector: 'node.strict', style: { 'border-width': 4, 'border-style': 'double' } },
    { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'line-color': c.edge, 'target-arrow-color': c.edge, 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9, label: 'data(label)', 'font-family': FONT, 'font-size': 10, color: c.text, 'text-wrap': 'wrap', 'text-background-color': c.labelBg, 'text-background-opacity': 0.85, 'text-background-padding': '2px', 'text-rotation': 'none' } },
    { selector: 'edge.route', style: { 'line-style': 'dashed', 'line-dash-pattern': [4, 4], opacity: 0.7 } },
    { selector: 'edge.gateway-route', style: { 'line-style': 'dashed', 'line-dash-pattern': [4, 4] } },
    { selector: 'edge.traffic', style: { 'line-style': 'solid', opacity: 1, width: 2.5, 'line-color': c.ok, 'target-arrow-color': c.ok } },
    { selector: 'edge.failing', style: { 'line-color': c.fail, 'target-arrow-color': c.fail, color: c.fail } },
    { selector: ':selected', style: { 'border-color': c.selected, 'line-color': c.selected, 'target-arrow-color': c.selected, 'border-width': 4 } },
  ]
}
