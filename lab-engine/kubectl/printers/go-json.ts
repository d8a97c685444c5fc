// JSON text as Go's encoding/json writes it for unstructured objects.
//
// Follows encoding/json Marshal/MarshalIndent on map[string]interface{}: map keys sorted,
// and HTML-safe escaping of <, > and & (\u003c, \u003e, \u0026) plus U+2028/U+2029.

/** json.Marshal (indent "") or json.MarshalIndent(v, "", indent). */
export function goJson(value: unknown, indent = ''): string {
  return encode(value, indent, '')
}

function encode(v: unknown, indent: string, prefix: string): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'string') return escape(v)
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'
  if (typeof v === 'boolean') return String(v)
  const inner = prefix + indent
  const nl = indent ? '\n' : ''
  const sep = indent ? ': ' : ':'
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    return `[${nl}${v.map((x) => inner + encode(x, indent, inner)).join(`,${nl}`)}${nl}${prefix}]`
  }
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort(compareBytes)
  if (keys.length === 0) return '{}'
  return `{${nl}${keys.map((k) => `${inner}${escape(k)}${sep}${encode((v as Record<string, unknown>)[k], indent, inner)}`).join(`,${nl}`)}${nl}${prefix}}`
}

/** Go sorts map keys by bytes; for the keys objects carry this equals code-unit order. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function escape(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
