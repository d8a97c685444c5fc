// Statement conversion: mvdan-sh Stmt/Command nodes -> our Stmt tree; anything outside the subset is refused.
/// <reference path="./mvdan-sh.d.ts" />
import { syntax, type GoNode } from './mvdan'
import type { Assign, CaseItem, Command, Redirect, RedirectOp, Stmt, Word } from './ast'
import { arithWord, convertHeredoc, convertWord, type ConvertStmts, type RawSource } from './convert-word'
import { UnsupportedSyntax } from './unsupported'

/** mvdan-sh's RedirOperator token numbers (syntax/tokens.go). */
const REDIRECT_OPS: Record<number, RedirectOp> = {
  54: '>', 55: '>>', 56: '<', 59: '>&', 60: '>', 61: '<<', 62: '<<-', 63: '<<<', 64: '&>', 65: '&>>',
}
/** BinaryCmd operators: 10 `&&`, 11 `||`, 12 `|`, 13 `|&`. */
const AND = 10, OR = 11, PIPE = 12
/** CaseItem operators: 30 `;;`, 31 `;&`, 32 `;;&`. */
const CASE_TERMINATORS: Record<number, CaseItem['terminator']> = { 30: ';;', 31: ';&', 32: ';;&' }

/** Cuts a statement's source text out by the parser's byte offsets. */
export type SourceOf = (node: GoNode) => string

export function makeConverter(sourceOf: SourceOf, raw?: RawSource) {
  const stmts: ConvertStmts = (list: GoNode): Stmt[] => {
    const out: Stmt[] = []
    for (let i = 0; i < list.length; i++) out.push(stmt(list[i]))
    return out
  }
  stmts.raw = raw
  const word = (w: GoNode, noSplit = false): Word => convertWord(w, stmts, noSplit)

  function stmt(s: GoNode): Stmt {
    if (s.Background) throw new UnsupportedSyntax('background jobs (&)')
    if (s.Coprocess) throw new UnsupportedSyntax('coprocesses')
    const redirects: Redirect[] = []
    for (let i = 0; i < s.Redirs.length; i++) redirects.push(redirect(s.Redirs[i]))
    if (!s.Cmd) return { cmd: { type: 'simple', assigns: [], args: [] }, negated: !!s.Negated, redirects, source: sourceOf(s) }
    return { cmd: command(s.Cmd), negated: !!s.Negated, redirects, source: sourceOf(s) }
  }

  function redirect(r: GoNode): Redirect {
    const op = REDIRECT_OPS[r.Op as number]
    if (!op) throw new UnsupportedSyntax('this redirection')
    const fd = r.N ? Number(r.N.Value) : null
    const out: Redirect = { op, fd, target: word(r.Word) }
    if (op === '<<' || op === '<<-') out.heredoc = heredoc(r)
    if (op === '<<-' && out.heredoc) out.heredoc.body = stripLeadingTabs(out.heredoc.body)
    return out
  }

  function heredoc(r: GoNode): Redirect['heredoc'] {
    const quoted = isQuotedDelimiter(r.Word)
    if (!r.Hdoc) return { body: { parts: [] }, quoted }
    if (quoted) return { body: { parts: [{ type: 'lit', value: r.Hdoc.Parts[0]?.Value ?? '', quoted: true }] }, quoted }
    return { body: convertHeredoc(r.Hdoc, stmts), quoted }
  }

  function command(c: GoNode): Command {
    const t = syntax.NodeType(c)
    switch (t) {
      case 'CallExpr': return simple(c)
      case 'BinaryCmd': return binary(c)
      case 'IfClause': return ifClause(c)
      case 'WhileClause': return { type: 'while', until: !!c.Until, cond: stmts(c.Cond), body: stmts(c.Do) }
      case 'ForClause': return forClause(c)
      case 'CaseClause': return caseClause(c)
      case 'Block': return { type: 'group', body: stmts(c.Stmts) }
      case 'Subshell': return { type: 'subshell', body: stmts(c.Stmts) }
      case 'DeclClause': return declClause(c)
      case 'ArithmCmd': return { type: 'arith', exprs: [arithWord(c.X, c.Pos().Offset() + 2, c.End().Offset() - 2, stmts)], name: '((' }
      case 'LetClause': return letClause(c)
      default: throw new UnsupportedSyntax(UNSUPPORTED_COMMANDS[t] ?? t)
    }
  }

  function simple(c: GoNode): Command {
    const assigns: Assign[] = []
    for (let i = 0; i < c.Assigns.length; i++) assigns.push(assign(c.Assigns[i]))
    const args: Word[] = []
    for (let i = 0; i < c.Args.length; i++) args.push(word(c.Args[i]))
    return { type: 'simple', assigns, args }
  }

  function assign(a: GoNode): Assign {
    if (a.Array || a.Index) throw new UnsupportedSyntax('arrays')
    if (a.Append) throw new UnsupportedSyntax('+= assignment')
    return { name: a.Name.Value as string, value: a.Value ? word(a.Value, true) : null }
  }

  function binary(c: GoNode): Command {
    const op = c.Op as number
    if (op === AND || op === OR) return { type: 'and-or', op: op === AND ? '&&' : '||', left: stmt(c.X), right: stmt(c.Y) }
    if (op !== PIPE) throw new UnsupportedSyntax('|&')
    return { type: 'pipeline', stages: [...flattenPipe(c.X), stmt(c.Y)] }
  }

  function flattenPipe(s: GoNode): Stmt[] {
    const isPipe = s.Cmd && syntax.NodeType(s.Cmd) === 'BinaryCmd' && s.Cmd.Op === PIPE
    if (!isPipe || s.Negated || s.Redirs.length > 0) return [stmt(s)]
    return [...flattenPipe(s.Cmd.X), stmt(s.Cmd.Y)]
  }

  function ifClause(c: GoNode): Command {
    const e = c.Else
    let elseBody: Stmt[] | null = null
    if (e && e.Cond.length > 0) elseBody = [{ cmd: ifClause(e), negated: false, redirects: [], source: 'elif' }]
    else if (e && e.Then.length > 0) elseBody = stmts(e.Then)
    return { type: 'if', cond: stmts(c.Cond), then: stmts(c.Then), else: elseBody }
  }

  function forClause(c: GoNode): Command {
    if (c.Select) throw new UnsupportedSyntax('select')
    if (syntax.NodeType(c.Loop) === 'CStyleLoop') return cStyleFor(c)
    if (syntax.NodeType(c.Loop) !== 'WordIter') throw new UnsupportedSyntax('this for loop')
    const items = c.Loop.InPos && c.Loop.InPos.IsValid() ? wordList(c.Loop.Items) : null
    return { type: 'for', name: c.Loop.Name.Value as string, items, body: stmts(c.Do) }
  }

  function cStyleFor(c: GoNode): Command {
    const expr = (x: GoNode): Word | null => (x ? arithWord(x, x.Pos().Offset(), x.End().Offset(), stmts) : null)
    const loop = c.Loop
    return { type: 'cfor', init: expr(loop.Init), cond: expr(loop.Cond), post: expr(loop.Post), body: stmts(c.Do) }
  }

  function caseClause(c: GoNode): Command {
    const items: CaseItem[] = []
    for (let i = 0; i < c.Items.length; i++) {
      const it = c.Items[i]
      items.push({ patterns: wordList(it.Patterns), body: stmts(it.Stmts), terminator: CASE_TERMINATORS[it.Op as number] ?? ';;' })
    }
    return { type: 'case', word: word(c.Word), items }
  }

  function letClause(c: GoNode): Command {
    const exprs: Word[] = []
    for (let i = 0; i < c.Exprs.length; i++) {
      const e = c.Exprs[i]
      exprs.push(arithWord(e, e.Pos().Offset(), e.End().Offset(), stmts))
    }
    return { type: 'arith', exprs, name: 'let' }
  }

  function declClause(c: GoNode): Command {
    const variant = c.Variant.Value as string
    if (variant !== 'export') throw new UnsupportedSyntax(variant)
    const args: Word[] = [{ parts: [{ type: 'lit', value: 'export', quoted: false }] }]
    for (let i = 0; i < c.Args.length; i++) args.push(declArg(c.Args[i]))
    return { type: 'simple', assigns: [], args }
  }

  /** `export X=$Y` keeps its value as one field, as bash does for declaration builtins. */
  function declArg(a: GoNode): Word {
    if (a.Naked) return a.Name ? { parts: [{ type: 'lit', value: a.Name.Value, quoted: false }] } : word(a.Value)
    const value = a.Value ? word(a.Value, true).parts : []
    return { parts: [{ type: 'lit', value: `${a.Name.Value}=`, quoted: true }, ...value], noSplit: true }
  }

  const wordList = (list: GoNode): Word[] => {
    const out: Word[] = []
    for (let i = 0; i < list.length; i++) out.push(word(list[i]))
    return out
  }

  return { stmts }
}

/** `<<-`: bash strips leading tabs from each body line (mvdan-sh leaves them in the Hdoc word). */
function stripLeadingTabs(body: Word): Word {
  let lineStart = true
  const parts = body.parts.map((p) => {
    if (p.type !== 'lit') { lineStart = false; return p }
    const value = p.value.replace(/(^|\n)\t+/g, (m, nl: string, at: number) => (at === 0 && nl === '' && !lineStart ? m : nl))
    lineStart = value.endsWith('\n') || (lineStart && value === '')
    return { ...p, value }
  })
  return { ...body, parts }
}

function isQuotedDelimiter(w: GoNode): boolean {
  for (let i = 0; i < w.Parts.length; i++) {
    const p = w.Parts[i]
    const t = syntax.NodeType(p)
    if (t !== 'Lit' || String(p.Value).includes('\\')) return true
  }
  return false
}

const UNSUPPORTED_COMMANDS: Record<string, string> = {
  FuncDecl: 'function definitions',
  TestClause: '[[ ... ]] (use [ ... ] instead)',
  TimeClause: 'time',
  CoprocClause: 'coprocesses',
  TestDecl: '@test',
}
