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
    withHeredocBodies(decoder.decode(bytes.subarray(n.Pos().Offset(), n.End().Offset())).replace(/\s*;\s*$/, ''), decoder.decode(bytes.subarray(n.End().Offset())))
  try {
    return { kind: 'ok', stmts: makeConverter(sourceOf).stmts(file.Stmts) }
  } catch (err) {
    if (err instanceof UnsupportedSyntax) return { kind: 'unsupported', message: err.message }
    if (err instanceof RangeError) return { kind: 'error', message: TOO_DEEP }
    throw err
  }
}

/**
 * A statement's text with the bodies of its heredocs. mvdan-sh ends a statement at its
 * last word, so `cat <<EOF | kubectl apply -f -` would lose the body that follows the line.
 */
function withHeredocBodies(text: string, rest: string): string {
  const delimiters = [...text.matchAll(/<<(-?)\s*(['"]?)([^\s'"<>|;&]+)\2/g)].map((m) => ({ strip: m[1] === '-', word: m[3]! }))
  const lines = rest.split('\n')
  // A statement whose last word is the heredoc redirect already ends after the body.
  if (!delimiters.length || text.includes('\n') || !/^\s*(#.*)?$/.test(lines[0]!)) return text
  let i = 1 // bodies start on the line after the one the statement ends on
  let taken = ''
  for (const { strip, word } of delimiters) {
    const start = i
    while (i < lines.length && (strip ? lines[i]!.replace(/^\t+/, '') : lines[i]) !== word) i++
    if (i >= lines.length) return text
    taken += '\n' + lines.slice(start, i + 1).join('\n')
    i++
  }
  return text + taken
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
