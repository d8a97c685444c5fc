// Parse: a command line or script -> our AST through mvdan-sh, telling "incomplete" apart from syntax errors.
/// <reference path="./mvdan-sh.d.ts" />
import { syntax, type GoNode } from './mvdan'
import type { ParseResult } from './ast'
import { makeConverter } from './convert-stmt'
import { UnsupportedSyntax } from './unsupported'

/** Longest script parse() accepts; a paste larger than this is refused with one line. */
export const MAX_SCRIPT_CHARS = 256 * 1024

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** What the learner sees when input nests deeper than the parser's (or our converter's) stack allows. */
const TOO_DEEP = 'bash: syntax error: input nested too deeply'

export function parse(src: string): ParseResult {
  if (src.length > MAX_SCRIPT_CHARS) return { kind: 'error', message: `bash: script too long (over ${MAX_SCRIPT_CHARS} characters)` }
  let file: GoNode
  try {
    file = syntax.NewParser().Parse(src, '')
  } catch (err) {
    return parseFailure(err, src)
  }
  // A trailing unescaped backslash continues the line: bash shows PS2, mvdan-sh reads a literal.
  if (/(^|[^\\])(\\\\)*\\$/.test(src)) return { kind: 'incomplete' }
  return convert(file, src)
}

function convert(file: GoNode, src: string): ParseResult {
  const bytes = encoder.encode(src)
  const sourceOf = (n: GoNode) =>
    decoder.decode(bytes.subarray(n.Pos().Offset(), statementEnd(n, bytes))).replace(/\s*;\s*$/, '')
  try {
    const raw = (from: number, to: number) => decoder.decode(bytes.subarray(from, to))
    return { kind: 'ok', stmts: makeConverter(sourceOf, raw).stmts(file.Stmts) }
  } catch (err) {
    if (err instanceof UnsupportedSyntax) return { kind: 'unsupported', message: err.message }
    if (err instanceof RangeError) return { kind: 'error', message: TOO_DEEP }
    throw err
  }
}

/**
 * Where a statement's text ends, heredoc bodies included. mvdan-sh ends a statement at its
 * last word, so `cat <<EOF | kubectl apply -f -` would otherwise lose the body on the next
 * lines: the statement runs on to the end of its last heredoc's delimiter line.
 */
function statementEnd(n: GoNode, bytes: Uint8Array): number {
  let end = n.End().Offset()
  syntax.Walk(n, (node: GoNode) => {
    const hdoc = node && syntax.NodeType(node) === 'Redirect' ? node.Hdoc : null
    if (hdoc) {
      const newline = bytes.indexOf(10, hdoc.End().Offset())
      end = Math.max(end, newline < 0 ? bytes.length : newline)
    }
    return true
  })
  return end
}

/** bash asks for more input (PS2) on open quotes, heredocs and dangling operators; a missing redirect target is an error. */
function parseFailure(err: unknown, src: string): ParseResult {
  const e = err as { Text?: string; Pos?: { Offset(): number } }
  if (typeof e?.Text !== 'string') return { kind: 'error', message: TOO_DEEP }
  const text = e.Text
  const danglingRedirect = /^\S+ must be followed by a word$/.test(text)
  if (syntax.IsIncomplete(err) && !danglingRedirect) return { kind: 'incomplete' }
  const offset = e?.Pos ? charOffset(src, e.Pos.Offset()) : 0
  return { kind: 'error', message: `bash: syntax error near unexpected token \`${unexpectedToken(text, src, offset)}'` }
}

function charOffset(src: string, byteOffset: number): number {
  return decoder.decode(encoder.encode(src).subarray(0, byteOffset)).length
}

function unexpectedToken(text: string, src: string, offset: number): string {
  const encountered = /encountered (.+)$/.exec(text)
  if (encountered) return encountered[1]
  const misplaced = /^"?([^"\s]+)"? can only/.exec(text)
  if (misplaced) return misplaced[1]
  const followed = /^"?([^"\s]+)"? must be followed by/.exec(text)
  if (followed) return tokenAt(src, src.indexOf(followed[1], offset) + followed[1].length)
  return tokenAt(src, offset)
}

/** The next shell token from `from`: an operator run, a word, or `newline` at the end of a line. */
function tokenAt(src: string, from: number): string {
  const rest = src.slice(Math.max(0, from)).replace(/^[ \t]+/, '')
  if (rest === '' || rest.startsWith('\n')) return 'newline'
  const m = /^([;&|<>()]+|[^\s;&|<>()]+)/.exec(rest)
  return m ? m[1] : rest[0]
}
