// kubectl's generic describer: events and CRD-backed kinds (Istio) print their whole content as nested labels.
//
// Follows k8s.io/kubectl/pkg/describe/describe.go (genericDescriber.Describe,
// printUnstructuredContent, smartLabelFor): Name, Namespace, Labels and
// Annotations first, then every other field sorted by key, camelCase keys
// turned into "Title Case" words (API, URL, UID, OSB, GUID upper-cased; keys
// with characters other than letters and '-' kept as typed), list items one
// level deeper, scalars as Go's %v prints them; metadata.managedFields, name,
// namespace, labels and annotations are skipped; then the Events table.

import type { KubeObject } from '../../cluster/types'
import type { VerbContext } from './context'
import { annotations, entries, events, header } from './describe'
import type { DescribeWriter } from './describe-writer'

const ACRONYMS = ['API', 'URL', 'UID', 'OSB', 'GUID']
const SKIP = ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']
/** Deeper content is cut off rather than recursed into. */
const MAX_DEPTH = 32

export function describeGeneric(w: DescribeWriter, o: KubeObject, ctx: VerbContext): void {
  header(w, o)
  w.list(0, 'Labels', entries(o.metadata.labels, '='))
  annotations(w, 0, o.metadata.annotations)
  printContent(w, 0, o as unknown as Record<string, unknown>, '')
  events(w, o, ctx)
}

/** camelcase.Split: runs of lower-case, upper-case (the last capital starts the next word), digits and others. */
function camelSplit(s: string): string[] {
  const runs: string[] = []
  const cls = (c: string) => (/[a-z]/.test(c) ? 1 : /[A-Z]/.test(c) ? 2 : /\d/.test(c) ? 3 : 4)
  for (const c of s) {
    const last = runs[runs.length - 1]
    if (last !== undefined && cls(last[last.length - 1]!) === cls(c)) runs[runs.length - 1] = last + c
    else runs.push(c)
  }
  // "HTTPRoute" -> "HTTP", "Route"; "Version" -> "Version": a capital run's last letter starts the lower-case run after it.
  for (let i = 0; i + 1 < runs.length; i++) {
    if (cls(runs[i]![0]!) === 2 && cls(runs[i + 1]![0]!) === 1) {
      runs[i + 1] = runs[i]!.slice(-1) + runs[i + 1]
      runs[i] = runs[i]!.slice(0, -1)
    }
  }
  return runs.filter(Boolean)
}

export function smartLabelFor(field: string): string {
  if ([...field].some((c) => !/\p{L}/u.test(c) && c !== '-')) return field
  const parts: string[] = []
  for (const p of camelSplit(field)) {
    if (p === '_') continue
    parts.push(ACRONYMS.includes(p.toUpperCase()) ? p.toUpperCase() : p[0]!.toUpperCase() + p.slice(1))
  }
  return parts.join(' ')
}

/** Go's %v for a JSON scalar. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'number') {
    const abs = Math.abs(v)
    if (v !== 0 && (abs >= 1e21 || abs < 1e-4 || (abs >= 1e6 && Number.isFinite(v)))) {
      const [m, e] = v.toExponential().split('e')
      const exp = Number(e)
      return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
    }
    return String(v)
  }
  return String(v)
}

function printContent(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string): void {
  if (level > MAX_DEPTH) return
  for (const field of Object.keys(content).sort()) {
    const value = content[field]
    const path = `${prefix}.${field}`
    if (SKIP.includes(path)) continue
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:`)
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printContent(w, level + 1, child as Record<string, unknown>, path)
        else w.write(level + 1, goValue(child))
      }
    } else if (value && typeof value === 'object') {
      w.write(level, `${smartLabelFor(field)}:`)
      printContent(w, level + 1, value as Record<string, unknown>, path)
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}`)
    }
  }
}
