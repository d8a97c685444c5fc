// Parser for kubectl's JSONPath template dialect.
//
// Follows k8s.io/client-go/util/jsonpath/parser.go: text outside {} is literal; inside an action a
// path of .field (backslash escapes a dot), .., *, [i], [a:b:c], [*], ['key'], [a,b] unions,
// [?(@.x=="y")] filters, "quoted" text, range/end blocks, and its error wording
// ("unclosed action", "unrecognized character in action: U+0021 '!'", "invalid array index x").

export type PathNode =
  | { type: 'root' }
  | { type: 'field'; name: string }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'slice'; start?: number; end?: number; step?: number; index: boolean }
  | { type: 'union'; paths: PathNode[][] }
  | { type: 'filter'; left: PathNode[]; op: string; right: PathNode[] }
  | { type: 'literal'; value: string | number | boolean }

export type Segment =
  | { type: 'text'; text: string }
  | { type: 'action'; path: PathNode[] }
  | { type: 'range'; path: PathNode[]; body: Segment[] }

export class JsonPathError extends Error {}

const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/
const DICT_KEY = /^'([^']*)'$/
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/

/** Parses a whole template into text, actions and range blocks. */
export function parseTemplate(template: string): Segment[] {
  const stack: Segment[][] = [[]]
  const ranges: { path: PathNode[] }[] = []
  let pos = 0
  while (pos < template.length) {
    const open = template.indexOf('{', pos)
    if (open < 0) { stack[stack.length - 1]!.push({ type: 'text', text: template.slice(pos) }); break }
    if (open > pos) stack[stack.length - 1]!.push({ type: 'text', text: template.slice(pos, open) })
    const close = findClose(template, open + 1)
    const body = template.slice(open + 1, close).trim()
    pos = close + 1
    const word = /^(range|end)\b\s*/.exec(body)
    if (word?.[1] === 'range') {
      ranges.push({ path: parsePath(body.slice(word[0].length)) })
      stack.push([])
    } else if (word?.[1] === 'end') {
      if (ranges.length === 0) throw new JsonPathError('not in range, nothing to end')
      const inner = stack.pop()!
      stack[stack.length - 1]!.push({ type: 'range', path: ranges.pop()!.path, body: inner })
    } else {
      stack[stack.length - 1]!.push({ type: 'action', path: parsePath(body) })
    }
  }
  while (ranges.length > 0) {
    const inner = stack.pop()!
    stack[stack.length - 1]!.push({ type: 'range', path: ranges.pop()!.path, body: inner })
  }
  return stack[0]!
}

/** The index of the action's closing brace, skipping quoted strings. */
function findClose(t: string, from: number): number {
  for (let i = from; i < t.length; i++) {
    const c = t[i]!
    if (c === '"' || c === "'") i = endOfQuote(t, i)
    else if (c === '}') return i
  }
  throw new JsonPathError('unclosed action')
}

function endOfQuote(t: string, start: number): number {
  for (let i = start + 1; i < t.length; i++) {
    if (t[i] === '\\') i++
    else if (t[i] === t[start]) return i
  }
  throw new JsonPathError('unterminated quoted string')
}

/** One path inside an action ("" means the current object). */
export function parsePath(text: string): PathNode[] {
  const nodes: PathNode[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (c === ' ' || c === '\t') { i++; continue }
    if (c === '@') { i++; continue }
    if (c === '$') { nodes.push({ type: 'root' }); i++; continue }
    if (c === '.') {
      if (text[i + 1] === '.') { nodes.push({ type: 'recursive' }); i = parseField(text, i + 2, nodes); continue }
      i = parseField(text, i + 1, nodes)
      continue
    }
    if (c === '[') { i = parseBracket(text, i, nodes); continue }
    if (c === '"' || c === "'") {
      const end = endOfQuote(text, i)
      nodes.push({ type: 'literal', value: unquote(text.slice(i, end + 1)) })
      i = end + 1
      continue
    }
    if (c === '+' || c === '-' || isDigit(c)) {
      const m = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
      if (!m) throw new JsonPathError(`cannot parse number ${text.slice(i)}`)
      nodes.push({ type: 'literal', value: Number(m[0]) })
      i += m[0].length
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z0-9_]+/.exec(text.slice(i))![0]
      if (word === 'true' || word === 'false') nodes.push({ type: 'literal', value: word === 'true' })
      else throw new JsonPathError(`unrecognized identifier ${word}`)
      i += word.length
      continue
    }
    throw new JsonPathError(`unrecognized character in action: ${goRune(c)}`)
  }
  return nodes
}

function parseField(text: string, start: number, nodes: PathNode[]): number {
  let name = ''
  let i = start
  while (i < text.length && !'.[]{},$@ \t'.includes(text[i]!)) {
    if (text[i] === '\\' && i + 1 < text.length) i++
    name += text[i]
    i++
  }
  if (name === '*') nodes.push({ type: 'wildcard' })
  else if (name !== '') nodes.push({ type: 'field', name })
  return i
}

function parseBracket(text: string, start: number, nodes: PathNode[]): number {
  if (text.startsWith('[?(', start)) return parseFilter(text, start, nodes)
  const end = text.indexOf(']', start)
  if (end < 0) throw new JsonPathError('unterminated array')
  let inner = text.slice(start + 1, end)
  if (inner === '*') inner = ':'
  const parts = inner.split(',')
  if (parts.length > 1) {
    nodes.push({ type: 'union', paths: parts.map((p) => parsePath(`[${p.trim()}]`)) })
  } else if (DICT_KEY.test(inner)) {
    nodes.push(...parsePath(`.${DICT_KEY.exec(inner)![1]}`))
  } else {
    nodes.push(parseSlice(inner))
  }
  return end + 1
}

function parseSlice(inner: string): PathNode {
  const m = SLICE.exec(inner)
  if (!m) throw new JsonPathError(`invalid array index ${inner}`)
  const int = (s: string | undefined) => (s === undefined || s === '' || s === ':' ? undefined : Number(s.replace(/^:/, '')))
  return { type: 'slice', start: int(m[1]), end: int(m[2]), step: int(m[3]), index: m[2] === undefined }
}

function parseFilter(text: string, start: number, nodes: PathNode[]): number {
  let i = start + 3
  for (; ; i++) {
    if (i >= text.length || text[i] === '\n') throw new JsonPathError('unterminated filter')
    const c = text[i]!
    if (c === '"' || c === "'") i = endOfQuote(text, i)
    else if (c === ')') break
  }
  if (text[i + 1] !== ']') throw new JsonPathError('unclosed array expect ]')
  const body = text.slice(start + 3, i)
  const m = FILTER.exec(body)
  nodes.push(m ? { type: 'filter', left: parsePath(m[1]!), op: m[2]!, right: parsePath(m[3]!) } : { type: 'filter', left: parsePath(body), op: 'exists', right: [] })
  return i + 2
}

/** Go's strconv.Unquote for "double" (escapes) and 'single' quoted text. */
function unquote(q: string): string {
  const body = q.slice(1, -1)
  if (q[0] === "'") return body.replace(/\\'/g, "'")
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'")}"`) as string
  } catch {
    throw new JsonPathError(`invalid syntax`)
  }
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9'
}

/** Go's %#U: U+0021 '!'. */
function goRune(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`
}
