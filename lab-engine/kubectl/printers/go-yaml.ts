// YAML text as kubectl's `-o yaml` writes it (sigs.k8s.io/yaml over go-yaml v2 / libyaml's emitter).
//
// Follows go-yaml v2 encode.go (stringv: strings that would resolve to another type are
// double-quoted, strings with line breaks use literal blocks), sorter.go (keyList.Less: keys in
// "natural" order, non-letters before letters), and libyaml emitterc.c (analyze_scalar: when a
// plain scalar is not allowed it becomes single-quoted; best_indent 2; best_width 80 folding of
// plain and quoted scalars at spaces; block sequences not indented inside mappings).

const BEST_WIDTH = 80
const INDENT = 2

/** yaml.Marshal of JSON-shaped data; ends with a newline. */
export function goYaml(value: unknown): string {
  const out: string[] = []
  if (isBlockCollection(value)) emitBlock(value, 0, undefined, out)
  else out.push(scalarText(value, 0, 0, false))
  return out.join('\n') + '\n'
}

type Json = unknown

function isBlockCollection(v: Json): v is object {
  if (Array.isArray(v)) return v.length > 0
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0
}

/** Emits a non-empty map or array. `lead` is what stands before the first line's text (e.g. "  - "). */
function emitBlock(v: object, indent: number, lead: string | undefined, out: string[]): void {
  let first = lead !== undefined
  const line = (text: string) => { out.push(first ? lead + text : ' '.repeat(indent) + text); first = false }
  const firstLead = () => (first ? lead! : ' '.repeat(indent))
  if (Array.isArray(v)) {
    for (const item of v) {
      if (isBlockCollection(item)) {
        const itemLead = firstLead() + '- '
        first = false
        emitBlock(item, indent + INDENT, itemLead, out)
      } else {
        line('- ' + scalarText(item, indent + INDENT, indent + INDENT, false))
      }
    }
    return
  }
  const map = v as Record<string, Json>
  for (const key of Object.keys(map).filter((k) => map[k] !== undefined).sort(yamlKeyCompare)) {
    const keyText = scalarText(key, indent, indent, true) + ':'
    const val = map[key]
    if (isBlockCollection(val)) {
      line(keyText)
      emitBlock(val, Array.isArray(val) ? indent : indent + INDENT, undefined, out)
    } else {
      const col = firstLead().length + keyText.length + 1
      line(keyText + ' ' + scalarText(val, col, indent + INDENT, false))
    }
  }
}

/** A scalar starting at `column`; continuation lines (folds, literal blocks) at `indent`. */
function scalarText(v: Json, column: number, indent: number, simpleKey: boolean): string {
  if (v === null || v === undefined) return 'null'
  if (typeof v === 'boolean') return String(v)
  if (typeof v === 'number') return goFloatText(v)
  if (Array.isArray(v)) return '[]'
  if (typeof v === 'object') return '{}'
  return stringText(String(v), column, indent, simpleKey)
}

function stringText(s: string, column: number, indent: number, simpleKey: boolean): string {
  const a = analyze(s)
  if (s.includes('\n') && !simpleKey && a.blockAllowed) return literal(s, indent)
  let style: 'plain' | 'single' | 'double' = s.includes('\n') || !resolvesToString(s) ? 'double' : 'plain'
  if (style === 'plain' && (!a.plainAllowed || (simpleKey && s.length === 0))) style = 'single'
  if (style === 'single' && !a.singleAllowed) style = 'double'
  const breaks = !simpleKey
  if (style === 'plain') return fold(s, column, indent, breaks, '', '')
  if (style === 'single') return fold(s.replace(/'/g, "''"), column + 1, indent, breaks, "'", "'")
  return fold(doubleEscape(s), column + 1, indent, breaks, '"', '"', true)
}

interface Analysis { plainAllowed: boolean; singleAllowed: boolean; blockAllowed: boolean }

/** libyaml yaml_emitter_analyze_scalar, for block context. */
function analyze(s: string): Analysis {
  if (s.length === 0) return { plainAllowed: false, singleAllowed: true, blockAllowed: false }
  const chars = [...s]
  let blockIndicators = s.startsWith('---') || s.startsWith('...')
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
  let breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false
  let special = false, lineBreaks = false
  chars.forEach((c, i) => {
    const next = chars[i + 1]
    const followedByWs = next === undefined || next === ' ' || next === '\t' || isBreak(next)
    const precededByWs = i === 0 || chars[i - 1] === ' ' || chars[i - 1] === '\t' || isBreak(chars[i - 1]!)
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true
      if ((c === '?' || c === ':' || c === '-') && followedByWs) blockIndicators = true
    } else {
      if (c === ':' && followedByWs) blockIndicators = true
      if (c === '#' && precededByWs) blockIndicators = true
    }
    // A break other than "\n" is escaped in a double-quoted scalar (simpler than libyaml's quoted line folding).
    if (!isPrintable(c) || (isBreak(c) && c !== '\n')) special = true
    if (isBreak(c)) lineBreaks = true
    if (c === ' ') {
      if (i === 0) leadingSpace = true
      if (i === chars.length - 1) trailingSpace = true
      if (previousBreak) breakSpace = true
      previousSpace = true; previousBreak = false
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true
      if (i === chars.length - 1) trailingBreak = true
      if (previousSpace) spaceBreak = true
      previousBreak = true; previousSpace = false
    } else {
      previousSpace = false; previousBreak = false
    }
  })
  let plainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || blockIndicators || lineBreaks)
  let singleAllowed = true
  let blockAllowed = !trailingSpace
  if (breakSpace) { plainAllowed = false; singleAllowed = false }
  if (spaceBreak || special) { plainAllowed = false; singleAllowed = false; blockAllowed = false }
  return { plainAllowed, singleAllowed, blockAllowed }
}

function isBreak(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029'
}

function isPrintable(c: string): boolean {
  const n = c.codePointAt(0)!
  return n === 0x0a || (n >= 0x20 && n <= 0x7e) || n === 0x85 || (n >= 0xa0 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd && n !== 0xfeff) || n >= 0x10000
}

/** Breaks at a single space once the line is past 80 columns (libyaml write_plain/quoted_scalar). */
function fold(body: string, column: number, indent: number, allowBreaks: boolean, open: string, close: string, double = false): string {
  let out = open
  let col = column + open.length
  const chars = [...body]
  let spaces = false
  chars.forEach((c, i) => {
    if (c === ' ') {
      const inner = open === '' || (i !== 0 && i !== chars.length - 1)
      if (allowBreaks && !spaces && col > BEST_WIDTH && inner && chars[i + 1] !== ' ') {
        out += '\n' + ' '.repeat(indent)
        col = indent
        if (double && chars[i + 1] === ' ') { out += '\\'; col++ }
      } else { out += c; col++ }
      spaces = true
    } else { out += c; col++; spaces = false }
  })
  return out + close
}

function literal(s: string, indent: number): string {
  const hint = s[0] === ' ' || isBreak(s[0]!) ? String(INDENT) : ''
  const chomp = !s.endsWith('\n') ? '-' : s.length === 1 || s.endsWith('\n\n') ? '+' : ''
  const body = s.endsWith('\n') ? s.slice(0, -1) : s
  const lines = body.split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l))
  return `|${hint}${chomp}\n${lines.join('\n')}`
}

const ESCAPES: Record<string, string> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
}

function doubleEscape(s: string): string {
  return [...s].map((c) => {
    if (ESCAPES[c] !== undefined && (c === '"' || c === '\\' || !isPrintable(c) || isBreak(c))) return `\\${ESCAPES[c]}`
    if (!isPrintable(c) || c === '\ufeff') {
      const n = c.codePointAt(0)!
      return n <= 0xff ? `\\x${hex(n, 2)}` : n <= 0xffff ? `\\u${hex(n, 4)}` : `\\U${hex(n, 8)}`
    }
    return c
  }).join('')
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0')
}

const NON_STRINGS = new Set([
  '~', 'null', 'Null', 'NULL', 'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE',
  'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF',
  '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
])
const INT = /^[-+]?(0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)$/
const FLOAT = /^[-+]?([0-9][0-9_]*(\.[0-9_]*)?|\.[0-9][0-9_]*)([eE][-+]?[0-9]+)?$/
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(([Tt]| )\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/

/** go-yaml v2 resolve(): would this text, written plain, read back as a string? */
function resolvesToString(s: string): boolean {
  if (s === '' || NON_STRINGS.has(s)) return false
  if ('+-.0123456789'.includes(s[0]!) && (INT.test(s) || FLOAT.test(s) || TIMESTAMP.test(s))) return false
  return !BASE60.test(s)
}

/** go-yaml v2 keyList.Less: numbers first, then runes with digit runs compared as numbers. */
export function yamlKeyCompare(a: string, b: string): number {
  return keyLess(a, b) ? -1 : keyLess(b, a) ? 1 : 0
}

function keyLess(a: string, b: string): boolean {
  const af = keyFloat(a), bf = keyFloat(b)
  if (af !== undefined && bf !== undefined && af !== bf) return af < bf
  const ar = [...a], br = [...b]
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue
    const al = /\p{L}/u.test(ar[i]!), bl = /\p{L}/u.test(br[i]!)
    if (al && bl) return ar[i]! < br[i]!
    if (al || bl) return bl
    let an = 0, bn = 0, ai = i, bi = i
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) if (ar[j] !== '0') { an = 1; bn = 1; break }
    }
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai])
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi])
    if (an !== bn) return an < bn
    if (ai !== bi) return ai < bi
    return ar[i]! < br[i]!
  }
  return ar.length < br.length
}

function keyFloat(s: string): number | undefined {
  return INT.test(s) || FLOAT.test(s) ? Number(s.replace(/_/g, '')) : undefined
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}

/** Integers as written; other numbers like Go's strconv.FormatFloat(f, 'g', -1, 64). */
export function goFloatText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '.inf' : '-.inf'
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n)
  const exp = Math.floor(Math.log10(Math.abs(n)))
  if (exp < -4 || exp >= 6) {
    const [m, e] = n.toExponential().split('e')
    const sign = e!.startsWith('-') ? '-' : '+'
    return `${m}e${sign}${e!.replace(/^[-+]/, '').padStart(2, '0')}`
  }
  return String(n)
}
