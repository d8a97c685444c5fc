// Word conversion: mvdan-sh Word nodes -> our WordPart lists, with bash's backslash rules applied.
/// <reference path="./mvdan-sh.d.ts" />
import { syntax, type GoNode } from './mvdan'
import type { ParamOp, Stmt, Word, WordPart } from './ast'
import { UnsupportedSyntax } from './unsupported'

/** mvdan-sh's Expansion.Op token numbers (syntax/tokens.go) for `${X<op>word}`. */
const PARAM_OPS: Record<number, ParamOp> = {
  68: '+', 69: ':+', 70: '-', 71: ':-', 72: '?', 73: ':?', 74: '=', 75: ':=',
  76: '%', 77: '%%', 78: '#', 79: '##',
}

/** The source text between two byte offsets of the line being converted. */
export type RawSource = (from: number, to: number) => string

/** Converts nested statement lists; `raw` reads source text (arithmetic keeps its operators as text). */
export interface ConvertStmts {
  (stmts: GoNode): Stmt[]
  raw?: RawSource
}

/** Unquoted text: a backslash quotes the next character; backslash-newline disappears. */
export function unescapeUnquoted(s: string): string {
  return s.replace(/\\(\n|.)/gs, (_, c: string) => (c === '\n' ? '' : c))
}

/** Inside double quotes (and unquoted heredocs) only \$ \` \" \\ and \newline are escapes. */
export function unescapeDouble(s: string, heredoc = false): string {
  const re = heredoc ? /\\([$`\\\n])/g : /\\([$`"\\\n])/g
  return s.replace(re, (_, c: string) => (c === '\n' ? '' : c))
}

/** A heredoc body: expanded like a double-quoted string, never split or globbed. */
export function convertHeredoc(w: GoNode, stmts: ConvertStmts): Word {
  const parts: WordPart[] = []
  for (let i = 0; i < w.Parts.length; i++) {
    const p = w.Parts[i]
    if (syntax.NodeType(p) === 'Lit') parts.push({ type: 'lit', value: unescapeDouble(p.Value as string, true), quoted: true })
    else parts.push(...convertPart(p, true, stmts, false))
  }
  return { parts, noSplit: true }
}

export function convertWord(w: GoNode, stmts: ConvertStmts, noSplit = false): Word {
  const parts: WordPart[] = []
  const n = w.Parts.length
  for (let i = 0; i < n; i++) parts.push(...convertPart(w.Parts[i], false, stmts, i === 0))
  return noSplit ? { parts, noSplit } : { parts }
}

function convertPart(p: GoNode, quoted: boolean, stmts: ConvertStmts, first: boolean): WordPart[] {
  switch (syntax.NodeType(p)) {
    case 'Lit': return litParts(p.Value as string, quoted, first)
    case 'SglQuoted': return sglQuoted(p)
    case 'DblQuoted': return dblQuoted(p, stmts)
    case 'ParamExp': return [paramExp(p, quoted, stmts)]
    case 'CmdSubst': return [{ type: 'subst', body: stmts(p.Stmts), quoted }]
    case 'ArithmExp': {
      if (p.Bracket) throw new UnsupportedSyntax('arithmetic expansion $[...] (use $((...)))')
      return [{ type: 'arith', expr: arithWord(p.X, p.Pos().Offset() + 3, p.End().Offset() - 2, stmts), quoted }]
    }
    case 'ProcSubst': throw new UnsupportedSyntax('process substitution')
    case 'ExtGlob': throw new UnsupportedSyntax('extended globs')
    default: throw new UnsupportedSyntax(`word part ${syntax.NodeType(p)}`)
  }
}

function litParts(raw: string, quoted: boolean, first: boolean): WordPart[] {
  if (quoted) return [{ type: 'lit', value: unescapeDouble(raw), quoted }]
  const tilde = first ? /^~([A-Za-z0-9_.-]*)(?=\/|$)/.exec(raw) : null
  if (!tilde) return [{ type: 'lit', value: unescapeUnquoted(raw), quoted }]
  const rest = raw.slice(tilde[0].length)
  const parts: WordPart[] = [{ type: 'tilde', user: tilde[1] }]
  if (rest) parts.push({ type: 'lit', value: unescapeUnquoted(rest), quoted })
  return parts
}

function sglQuoted(p: GoNode): WordPart[] {
  if (p.Dollar) throw new UnsupportedSyntax("ANSI-C quoting $'...'")
  return [{ type: 'lit', value: p.Value as string, quoted: true }]
}

function dblQuoted(p: GoNode, stmts: ConvertStmts): WordPart[] {
  const out: WordPart[] = [{ type: 'lit', value: '', quoted: true }]
  for (let i = 0; i < p.Parts.length; i++) out.push(...convertPart(p.Parts[i], true, stmts, false))
  return out
}

function paramExp(p: GoNode, quoted: boolean, stmts: ConvertStmts): WordPart {
  if (p.Excl || p.Width || p.Index || p.Slice || p.Repl || p.Names) {
    throw new UnsupportedSyntax('this form of ${...} expansion')
  }
  const part: WordPart = { type: 'param', name: p.Param.Value as string, quoted }
  if (p.Length) part.length = true
  if (p.Exp) {
    const op = PARAM_OPS[p.Exp.Op as number]
    if (!op) throw new UnsupportedSyntax('this form of ${...} expansion')
    part.op = op
    part.arg = p.Exp.Word ? convertWord(p.Exp.Word, stmts) : { parts: [] }
  }
  return part
}

/**
 * An arithmetic expression as a word: the source text between its words stays literal (operators,
 * parentheses, blanks) and its words keep their expansions, so `$((i + $step * $(cmd)))` expands
 * like a double-quoted string and is then evaluated, as bash does.
 */
export function arithWord(x: GoNode, from: number, to: number, stmts: ConvertStmts): Word {
  if (!stmts.raw) throw new UnsupportedSyntax('arithmetic expansion $((...))')
  const leaves: GoNode[] = []
  if (x) {
    syntax.Walk(x, (n: GoNode) => {
      if (n && syntax.NodeType(n) === 'Word') { leaves.push(n); return false }
      return true
    })
  }
  const parts: WordPart[] = []
  let at = from
  for (const w of leaves) {
    const gap = stmts.raw(at, w.Pos().Offset())
    if (gap) parts.push({ type: 'lit', value: gap, quoted: true })
    for (let i = 0; i < w.Parts.length; i++) parts.push(...convertPart(w.Parts[i], true, stmts, false))
    at = w.End().Offset()
  }
  const tail = stmts.raw(at, to)
  if (tail) parts.push({ type: 'lit', value: tail, quoted: true })
  return { parts, noSplit: true }
}
