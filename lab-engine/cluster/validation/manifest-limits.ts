// Manifest limits: what one `kubectl apply -f` may hand the sim, checked before and after parsing.
//
// The API server refuses request bodies over 3 MiB and JSON nested past 10000
// levels (apimachinery's json limits); the sim is stricter so one learner cannot
// stall a host. The flow-depth pre-scan exists because the yaml package runs out
// of memory on a few hundred thousand nested `[` before it reports anything.

export const MAX_MANIFEST_BYTES = 1024 * 1024
export const MAX_DOCUMENTS = 500
export const MAX_NESTING_DEPTH = 100
export const MAX_STRING_LENGTH = 256 * 1024
/** Lexical tokens (words, indicators, spaces, newlines); bounds the yaml parser's time near half a second. */
export const MAX_YAML_TOKENS = 300_000
/** Block indicators, anchors and tags opening one line (`- - - x` nests a sequence per dash). */
export const MAX_LINE_INDICATORS = 50
/** Alias expansions per document (billion-laughs guard; the yaml package's own default is 100). */
export const MAX_ALIAS_COUNT = 100

/** Byte length of a string as UTF-8, without allocating a buffer. */
export function utf8Length(text: string): number {
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++ }
    else n += 3
  }
  return n
}

/**
 * The deepest `[`/`{` flow nesting in the text, over-estimated on purpose: a quote
 * counts as opening only where YAML lets a quoted scalar start, and quote state
 * ends at each newline, so brackets can be hidden from the scan on no line.
 */
export function maxFlowDepth(text: string): number {
  let depth = 0
  let max = 0
  let quote = ''
  let prev = '\n'
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '\n') { quote = ''; prev = ch; continue }
    if (quote) {
      if (ch === quote && !(quote === '"' && prev === '\\')) quote = ''
      prev = ch
      continue
    }
    if ((ch === '"' || ch === "'") && /[\s[{,:]/.test(prev)) quote = ch
    else if (ch === '#' && /\s/.test(prev)) i = skipToNewline(text, i) - 1
    else if (ch === '[' || ch === '{') max = Math.max(max, ++depth)
    else if ((ch === ']' || ch === '}') && depth > 0) depth--
    prev = ch
  }
  return max
}

function skipToNewline(text: string, i: number): number {
  const n = text.indexOf('\n', i)
  return n < 0 ? text.length : n
}

/** A limit a parsed value breaks (too deep, too long a string), or null. */
export function valueLimitProblem(value: unknown): string | null {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 1 }]
  while (stack.length > 0) {
    const { v, d } = stack.pop()!
    if (typeof v === 'string' && v.length > MAX_STRING_LENGTH) return `a string is longer than ${MAX_STRING_LENGTH} characters`
    if (v === null || typeof v !== 'object') continue
    if (d > MAX_NESTING_DEPTH) return `nesting is deeper than ${MAX_NESTING_DEPTH} levels`
    for (const [k, child] of Object.entries(v)) {
      if (k.length > MAX_STRING_LENGTH) return `a key is longer than ${MAX_STRING_LENGTH} characters`
      stack.push({ v: child, d: d + 1 })
    }
  }
  return null
}

/**
 * The most indicators (`-`, `?`, `:`, `&anchor`, `!tag`) opening any one line.
 * Each compact `- ` nests a collection one column deeper; the yaml package
 * spends seconds on a line of a few hundred thousand of them.
 */
export function maxLineIndicators(text: string): number {
  let max = 0
  const re = /^[ \t]*(?:(?:[-?:]|[&!]\S*)(?:[ \t]+|$))+/gm
  for (const m of text.matchAll(re)) max = Math.max(max, m[0].trim().split(/[ \t]+/).length)
  return max
}
