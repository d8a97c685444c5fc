// Label sets: the Prometheus data model's identity of a series (metric name plus label pairs).
//
// Prometheus data model docs: a series is identified by its metric name and its
// set of key-value labels; `__name__` holds the metric name; a label with an
// empty value is the same as a missing label.

export type Labels = Readonly<Record<string, string>>

export const METRIC_NAME_LABEL = '__name__'

/** Metric names: Prometheus's `[a-zA-Z_:][a-zA-Z0-9_:]*`. */
export const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/

/** Label names: Prometheus's `[a-zA-Z_][a-zA-Z0-9_]*`. */
export const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/

/** Drops empty values (Prometheus treats them as absent) and sorts names, so equal sets compare equal. */
export function normalizeLabels(labels: Labels): Labels {
  const out: Record<string, string> = {}
  for (const name of sortedNames(labels)) {
    const value = labels[name]
    if (value !== undefined && value !== '') out[name] = value
  }
  return out
}

/** Names in ascending order; skips the sort when they already are (the hot path: callers build labels in order). */
function sortedNames(labels: Labels): string[] {
  const names = Object.keys(labels)
  for (let i = 1; i < names.length; i++) if (names[i - 1]! > names[i]!) return names.sort()
  return names
}

/** A stable identity string for a label set (names sorted). */
export function labelsKey(labels: Labels): string {
  const parts: string[] = []
  for (const name of sortedNames(labels)) {
    const value = labels[name]
    if (value !== undefined && value !== '') parts.push(name, value)
  }
  return parts.join('\u0001')
}

/** A copy without the given names. */
export function withoutLabels(labels: Labels, names: Iterable<string>): Record<string, string> {
  const drop = new Set(names)
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(labels)) if (!drop.has(k)) out[k] = v
  return out
}

/** A copy keeping only the given names. */
export function onlyLabels(labels: Labels, names: Iterable<string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of names) {
    const v = labels[name]
    if (v !== undefined && v !== '') out[name] = v
  }
  return out
}

/** Escapes a label value for the Prometheus text exposition format (backslash, quote, newline). */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
}

/** `{a="1",b="2"}` with names in the given order (sorted when none is given); empty set gives ''. */
export function formatLabelSet(labels: Labels, order?: readonly string[]): string {
  const names = (order ?? Object.keys(labels).sort()).filter((n) => n !== METRIC_NAME_LABEL && labels[n] !== undefined)
  if (names.length === 0) return ''
  return `{${names.map((n) => `${n}="${escapeLabelValue(labels[n]!)}"`).join(',')}}`
}

/** Formats a sample value as Prometheus does (Go's FormatFloat 'f', -1 for finite values). */
export function formatSampleValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return v.toFixed(0)
  const s = String(v)
  return s.includes('e') ? v.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : s
}
