// YAML composing that stops at the first error, as go-yaml does.
//
// The yaml package's parseAllDocuments collects every error in the stream and
// its cost grows faster than linearly with their number (20 000 stray anchors or
// quoted scalars take seconds); kubectl reports only the first error anyway.
// So the Composer's error hook is wrapped to abort the stream at the first one.

import { Composer, Lexer, LineCounter, Parser, type Document, type DocumentOptions, type ParseOptions, type SchemaOptions, type YAMLError } from 'yaml'

export interface Composed {
  docs: Document[]
  lines: LineCounter
  /** The first error, if any; docs then holds the documents before it. */
  error?: YAMLError
}

const ABORT = Symbol('first YAML error')

/** Thrown when the text has more lexical tokens than allowed; the parser costs microseconds per token. */
export class TooManyTokens extends Error {
  override name = 'TooManyTokens'
}

type LexFn = (source: string, incomplete?: boolean) => Generator<string, void>

/** Replaces the parser's lexer by one that counts lexemes and stops past max. */
function countTokens(parser: Parser, max: number): void {
  const lexer = new Lexer()
  const counted: LexFn = function* (source, incomplete) {
    let n = 0
    for (const lexeme of lexer.lex(source, incomplete)) {
      if (++n > max) throw new TooManyTokens(`more than ${max} YAML tokens`)
      yield lexeme
    }
  }
  ;(parser as unknown as { lexer: { lex: LexFn } }).lexer = { lex: counted }
}

type OnError = (source: unknown, code: string, message: string, warning?: boolean) => void

/** Composes every document, stopping at the first error; throws TooManyTokens past maxTokens. */
export function composeDocuments(text: string, maxTokens: number, options: ParseOptions & DocumentOptions & SchemaOptions = {}): Composed {
  const lines = new LineCounter()
  const parser = new Parser(lines.addNewLine)
  countTokens(parser, maxTokens)
  const composer = new Composer(options)
  const hooked = composer as unknown as { onError: OnError; errors: YAMLError[] }
  const report = hooked.onError
  hooked.onError = (source, code, message, warning) => {
    report(source, code, message, warning)
    if (!warning) throw ABORT
  }
  const docs: Document[] = []
  try {
    for (const doc of composer.compose(parser.parse(text), true, text.length)) docs.push(doc)
  } catch (e) {
    if (e !== ABORT) throw e
    return { docs, lines, error: hooked.errors[0] ?? docs.at(-1)?.errors[0] }
  }
  const error = docs.find((d) => d.errors.length > 0)?.errors[0]
  return error ? { docs, lines, error } : { docs, lines }
}
