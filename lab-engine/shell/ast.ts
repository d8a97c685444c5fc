// Shell AST: our own small typed tree, so nothing past parse.ts touches GopherJS objects.

export type WordPart =
  | { type: 'lit'; value: string; quoted: boolean }
  | { type: 'tilde'; user: string }
  | { type: 'param'; name: string; quoted: boolean; length?: boolean; op?: ParamOp; arg?: Word }
  | { type: 'subst'; body: Stmt[]; quoted: boolean }
  /** `$((expr))`: the expression's text, expanded like a double-quoted string, then evaluated. */
  | { type: 'arith'; expr: Word; quoted: boolean }

/** `${X:-d}` and friends; the colon forms also treat an empty value as unset. */
export type ParamOp = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#' | '##' | '%' | '%%'

export interface Word {
  parts: WordPart[]
  /** Assignment-like words (export X=$Y) are not field-split. */
  noSplit?: boolean
}

export interface Assign {
  name: string
  value: Word | null
}

export type RedirectOp = '>' | '>>' | '<' | '>&' | '<<' | '<<-' | '<<<' | '&>' | '&>>'

export interface Redirect {
  op: RedirectOp
  /** The file descriptor on the left (`2>`), if written. */
  fd: number | null
  target: Word
  /** Heredoc body; `quoted` heredocs (`<<'EOF'`) are not expanded. */
  heredoc?: { body: Word; quoted: boolean }
}

export interface CaseItem {
  patterns: Word[]
  body: Stmt[]
  /** `;;` stops, `;&` falls into the next body, `;;&` tests the next pattern. */
  terminator: ';;' | ';&' | ';;&'
}

export type Command =
  | { type: 'simple'; assigns: Assign[]; args: Word[] }
  | { type: 'and-or'; op: '&&' | '||'; left: Stmt; right: Stmt }
  | { type: 'pipeline'; stages: Stmt[] }
  | { type: 'for'; name: string; items: Word[] | null; body: Stmt[] }
  /** `for ((init; cond; post))`: each part an arithmetic expression; an empty cond is true. */
  | { type: 'cfor'; init: Word | null; cond: Word | null; post: Word | null; body: Stmt[] }
  | { type: 'while'; until: boolean; cond: Stmt[]; body: Stmt[] }
  | { type: 'if'; cond: Stmt[]; then: Stmt[]; else: Stmt[] | null }
  | { type: 'case'; word: Word; items: CaseItem[] }
  | { type: 'group'; body: Stmt[] }
  | { type: 'subshell'; body: Stmt[] }
  /** `((expr))` (one expression) and `let e1 e2 ...`: status 0 when the last value is non-zero. */
  | { type: 'arith'; exprs: Word[]; name: '((' | 'let' }

export interface Stmt {
  cmd: Command
  negated: boolean
  redirects: Redirect[]
  /** The statement's source text, for the CLI's per-statement report. */
  source: string
}

export type ParseResult =
  | { kind: 'ok'; stmts: Stmt[] }
  | { kind: 'incomplete' }
  | { kind: 'error'; message: string }
  | { kind: 'unsupported'; message: string }
