// Go's json.MarshalIndent(v, "", "  ") for the values fortio's result holds.
//
// Follows encoding/json (Go 1.23): struct fields in declaration order (our objects keep insertion
// order; undefined fields are left out, as omitempty ones are), map keys sorted bytewise (Map
// values), nil slices and pointers as null, floats in the shortest form that round-trips with
// exponents only below 1e-6 or from 1e21 (`1e-7`, as JavaScript prints them), and strings
// HTML-safe: <, > and & become \u003c, \u003e and \u0026, U+2028/U+2029 are escaped, invalid
// UTF-16 (a lone surrogate) becomes U+FFFD. NaN and infinities cannot be encoded.

export type GoJson = null | boolean | number | string | GoJson[] | ReadonlyMap<string, GoJson> | { readonly [k: string]: GoJson | undefined }

/** json: unsupported value: NaN (the error Marshal returns). */
export class GoJsonError extends Error {}

export function goMarshalIndent(v: GoJson): string {
  return encode(v, '')
}

function encode(v: GoJson, indent: string): string {
  if (v === null) return 'null'
  if (typeof v === 'boolean') return String(v)
  if (typeof v === 'number') return number(v)
  if (typeof v === 'string') return goString(v)
  if (Array.isArray(v)) return block('[', ']', v.map((x) => encode(x, indent + '  ')), indent)
  const entries = v instanceof Map
    ? [...v.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    : Object.entries(v).filter(([, x]) => x !== undefined) as [string, GoJson][]
  return block('{', '}', entries.map(([k, x]) => `${goString(k)}: ${encode(x, indent + '  ')}`), indent)
}

function block(open: string, close: string, items: string[], indent: string): string {
  if (items.length === 0) return open + close
  const inner = indent + '  '
  return `${open}\n${items.map((i) => inner + i).join(',\n')}\n${indent}${close}`
}

function number(n: number): string {
  if (!Number.isFinite(n)) throw new GoJsonError(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`)
  return Object.is(n, -0) ? '-0' : String(n)
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' }

function goString(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ESCAPES[ch]) out += ESCAPES[ch]
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`
    else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd'
    else out += ch
  }
  return out + '"'
}
