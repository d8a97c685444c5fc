// JSON as each runtime prints it: Python's json.dumps (Flask, simplejson), Go's encoding/json Encoder, JavaScript's JSON.stringify.
//
// The differences learners see in curl output: Python puts a space after ","
// and ":" (and with indent and the old Flask separators, a trailing space at
// line ends) and escapes non-ASCII as \uXXXX; Go's indented Encoder matches
// JSON.stringify(v, null, 2) plus a final newline.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined }

export interface PyDumpOptions {
  /** Spaces per level; undefined prints on one line. */
  indent?: number
  /** Between items; Python's default is ', ' (also with indent under Flask 1.x's jsonify, hence trailing spaces). */
  itemSeparator?: string
  keySeparator?: string
  sortKeys?: boolean
}

/** json.dumps(ensure_ascii=True): every non-ASCII code unit as \uXXXX, as Python writes it. */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN'
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity'
  return String(n)
}

/** Python's json.dumps with the given layout. */
export function pyDumps(value: Json, opts: PyDumpOptions = {}): string {
  const itemSep = opts.itemSeparator ?? ', '
  const keySep = opts.keySeparator ?? ': '
  const walk = (v: Json | undefined, depth: number): string => {
    if (v === null || v === undefined) return 'null'
    if (typeof v === 'boolean') return v ? 'true' : 'false'
    if (typeof v === 'number') return pyNumber(v)
    if (typeof v === 'string') return pyString(v)
    const entries: string[] = Array.isArray(v)
      ? v.map((x) => walk(x, depth + 1))
      : orderedKeys(v, opts.sortKeys).map((k) => `${pyString(k)}${keySep}${walk(v[k], depth + 1)}`)
    const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}']
    if (entries.length === 0) return open + close
    if (opts.indent === undefined) return open + entries.join(itemSep) + close
    const inner = ' '.repeat(opts.indent * (depth + 1))
    const outer = ' '.repeat(opts.indent * depth)
    return `${open}\n${inner}${entries.join(`${itemSep}\n${inner}`)}\n${outer}${close}`
  }
  return walk(value, 0)
}

function orderedKeys(obj: { [key: string]: Json | undefined }, sort?: boolean): string[] {
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined)
  return sort ? keys.sort() : keys
}

/**
 * Flask 1.x jsonify with pretty printing on (httpbin): indent 2, separators (', ', ': '),
 * sorted keys, and httpbin's added final newline.
 */
export function flaskPrettyJson(value: Json): string {
  return pyDumps(value, { indent: 2, itemSeparator: ', ', sortKeys: true }) + '\n'
}

/** Go's json.Encoder with SetIndent("", "  ") and SetEscapeHTML(false), as go-httpbin writes bodies. */
export function goIndentJson(value: Json): string {
  return JSON.stringify(value, null, 2) + '\n'
}

/** Go maps (http.Header, url.Values) encode with sorted keys; structs keep field order. */
export function sortedObject<T extends Json>(entries: Iterable<[string, T]>): { [key: string]: T } {
  const out: { [key: string]: T } = {}
  for (const [k, v] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = v
  return out
}
