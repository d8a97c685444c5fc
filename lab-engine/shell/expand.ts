// Expansion: words -> fields (parameters, `$(...)`, tilde, field splitting on blanks, pathname globs).
import type { ParamOp, Stmt, Word, WordPart } from './ast'
import { ArithError, evaluateArith } from './arithmetic'
import { escapeGlob, expandGlob, globToRegexSource, hasGlobChars } from './glob'
import type { ShellState } from './state'
import type { Vfs } from './vfs'
import { HOME_DIR } from './vfs'

/** A failed `${X:?msg}`: the statement fails with this one line. */
export class ExpansionError extends Error {}

export interface ExpandEnv {
  state: ShellState
  vfs: Vfs
  /** Runs `$(...)` in a subshell and returns its standard output. */
  subst(body: Stmt[]): Promise<string>
}

interface Field { text: string; pattern: string; glob: boolean }

/** A command's words -> argv: split, globbed, empty unquoted results dropped. */
export async function expandWords(words: Word[], env: ExpandEnv): Promise<string[]> {
  const out: string[] = []
  for (const w of words) out.push(...(await expandFields(w, env)))
  return out
}

/** One word -> one string, no splitting or globbing (assignments, redirect targets, heredocs, case words). */
export async function expandString(word: Word, env: ExpandEnv): Promise<string> {
  let s = ''
  for (const p of word.parts) s += await partText(p, env)
  return s
}

/** A case pattern: quoted parts match literally. */
export async function expandPattern(word: Word, env: ExpandEnv): Promise<string> {
  let s = ''
  for (const p of word.parts) {
    const text = await partText(p, env)
    s += isQuoted(p) ? escapeGlob(text) : text
  }
  return s
}

async function expandFields(word: Word, env: ExpandEnv): Promise<string[]> {
  if (word.noSplit) return [await expandString(word, env)]
  const fields: Field[] = []
  let cur: Field | null = null
  const flush = () => { if (cur) fields.push(cur); cur = null }
  const append = (text: string, quoted: boolean) => {
    cur ??= { text: '', pattern: '', glob: false }
    cur.text += text
    cur.pattern += quoted ? escapeGlob(text) : text
    if (!quoted && hasGlobChars(text)) cur.glob = true
  }
  for (const p of word.parts) {
    const text = await partText(p, env)
    if (p.type === 'lit' || p.type === 'tilde' || isQuoted(p)) append(text, p.type !== 'lit' || p.quoted)
    else text.split(/[ \t\n]+/).forEach((piece, i) => { if (i > 0) flush(); if (piece) append(piece, false) })
  }
  flush()
  return fields.flatMap((f) => (f.glob ? expandGlob(f.pattern, env.vfs, env.state.cwd) ?? [f.text] : [f.text]))
}

function isQuoted(p: WordPart): boolean {
  return (p.type === 'param' || p.type === 'subst' || p.type === 'lit' || p.type === 'arith') && p.quoted
}

async function partText(p: WordPart, env: ExpandEnv): Promise<string> {
  switch (p.type) {
    case 'lit': return p.value
    case 'tilde': return p.user === '' ? env.state.get('HOME') ?? HOME_DIR : `/home/${p.user}`
    case 'subst': return (await env.subst(p.body)).replace(/\n+$/, '')
    case 'param': return paramText(p, env)
    case 'arith': return String(await arith(p.expr, env))
  }
}

/**
 * `$((expr))` and the `((...))`/`let` commands: expand the text, then evaluate it. `command`
 * names the builtin in bash's message (`bash: let: 1/0: division by 0 ...`).
 */
export async function arith(expr: Word, env: ExpandEnv, command?: string): Promise<bigint> {
  const text = await expandString(expr, env)
  try {
    return evaluateArith(text, env.state)
  } catch (err) {
    if (!(err instanceof ArithError)) throw err
    throw new ExpansionError(`bash: ${command ? `${command}: ` : ''}${err.message}`)
  }
}

async function paramText(p: Extract<WordPart, { type: 'param' }>, env: ExpandEnv): Promise<string> {
  const value = special(p.name, env.state)
  if (p.length) return String((value ?? '').length)
  if (!p.op) return value ?? ''
  return applyOp(p.op, p.name, value, p.arg ?? { parts: [] }, env)
}

function special(name: string, state: ShellState): string | undefined {
  if (name === '#') return '0'
  if (name === '0') return 'bash'
  if (name === '$') return '1'
  if (name === '@' || name === '*' || /^[1-9]$/.test(name)) return undefined
  return state.get(name)
}

async function applyOp(op: ParamOp, name: string, value: string | undefined, arg: Word, env: ExpandEnv): Promise<string> {
  const colon = op.startsWith(':')
  const missing = value === undefined || (colon && value === '')
  const base = op.replace(':', '')
  if (base === '-') return missing ? expandString(arg, env) : value!
  if (base === '+') return missing ? '' : expandString(arg, env)
  if (base === '=') {
    if (!missing) return value!
    const v = await expandString(arg, env)
    env.state.set(name, v)
    return v
  }
  if (base === '?') {
    if (!missing) return value!
    const msg = (await expandString(arg, env)) || 'parameter null or not set'
    throw new ExpansionError(`bash: ${name}: ${msg}`)
  }
  return trim(op, value ?? '', await expandPattern(arg, env))
}

/** `${X#p}` `${X##p}` `${X%p}` `${X%%p}`: remove the shortest/longest matching prefix/suffix. */
function trim(op: ParamOp, value: string, pattern: string): string {
  const re = new RegExp(`^${globToRegexSource(pattern)}$`)
  const prefix = op.startsWith('#')
  const shortest = op.length === 1
  const n = value.length
  for (let k = 0; k <= n; k++) {
    const len = shortest ? k : n - k
    const piece = prefix ? value.slice(0, len) : value.slice(n - len)
    if (re.test(piece)) return prefix ? value.slice(len) : value.slice(0, n - len)
  }
  return value
}
