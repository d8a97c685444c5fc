// Label selectors: parse kubectl `-l` strings and LabelSelector objects, and match labels against them.
//
// Grammar and error wording follow k8s.io/apimachinery/pkg/labels/selector.go;
// semantics follow kubernetes.io/docs/concepts/overview/working-with-objects/labels/
// ("!=" and "notin" also match objects that lack the key).

import type { Labels } from './types'

export type Operator = 'Equals' | 'NotEquals' | 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt'

export interface Requirement {
  readonly key: string
  readonly operator: Operator
  readonly values: readonly string[]
}

/** Requirements ANDed together; the empty selector matches everything. */
export type Selector = readonly Requirement[]

/** metav1.LabelSelector, as Deployments, Services' owners and policies carry it. */
export interface LabelSelector {
  matchLabels?: Labels
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
}

export class LabelSelectorError extends Error {
  override name = 'LabelSelectorError'
}

type Tok = { t: 'id' | '!' | '!=' | '=' | '==' | '>' | '<' | '(' | ')' | ',' | 'end'; lit: string }

const SPECIALS = ['!=', '==', '!', '=', '>', '<', '(', ')', ','] as const
const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

function lex(text: string): Tok[] {
  const toks: Tok[] = []
  let i = 0
  while (i < text.length) {
    if (/\s/.test(text[i]!)) { i++; continue }
    const sp = SPECIALS.find((s) => text.startsWith(s, i))
    if (sp) { toks.push({ t: sp, lit: sp }); i += sp.length; continue }
    let j = i
    while (j < text.length && !/\s/.test(text[j]!) && !SPECIALS.some((s) => text.startsWith(s, j))) j++
    toks.push({ t: 'id', lit: text.slice(i, j) })
    i = j
  }
  toks.push({ t: 'end', lit: '' })
  return toks
}

class Parser {
  private pos = 0
  constructor(private readonly toks: Tok[]) {}
  peek(): Tok { return this.toks[this.pos]! }
  next(): Tok { return this.toks[Math.min(this.pos++, this.toks.length - 1)]! }
}

/** Parses a kubectl `-l` string such as `app=web,tier!=db,env in (prod,qa),!legacy`. */
export function parseSelector(text: string): Selector {
  const p = new Parser(lex(text))
  const reqs: Requirement[] = []
  for (;;) {
    const tok = p.peek()
    if (tok.t === 'end') return reqs
    if (tok.t !== 'id' && tok.t !== '!') throw new LabelSelectorError(`found '${tok.lit}', expected: !, identifier, or 'end of string'`)
    try {
      reqs.push(parseRequirement(p))
    } catch (err) {
      if (err instanceof LabelSelectorError) throw new LabelSelectorError(`unable to parse requirement: ${err.message}`)
      throw err
    }
    const after = p.next()
    if (after.t === 'end') return reqs
    if (after.t !== ',') throw new LabelSelectorError(`found '${after.lit}', expected: ',' or 'end of string'`)
    const t2 = p.peek()
    if (t2.t !== 'id' && t2.t !== '!') throw new LabelSelectorError(`found '${t2.lit}', expected: identifier after ','`)
  }
}

function parseRequirement(p: Parser): Requirement {
  let tok = p.next()
  const negated = tok.t === '!'
  if (negated) tok = p.next()
  if (tok.t !== 'id') throw new LabelSelectorError(`found '${tok.lit}', expected: identifier`)
  const key = tok.lit
  const ahead = p.peek().t
  if (ahead === 'end' || ahead === ',') return requirement(key, negated ? 'DoesNotExist' : 'Exists', [])
  if (negated) throw new LabelSelectorError(`found '${p.peek().lit}', expected: ',' or 'end of string'`)
  const op = parseOperator(p)
  const values = op === 'In' || op === 'NotIn' ? parseValues(p) : [parseExactValue(p)]
  return requirement(key, op, values)
}

function parseOperator(p: Parser): Operator {
  const tok = p.next()
  if (tok.t === '=' || tok.t === '==') return 'Equals'
  if (tok.t === '!=') return 'NotEquals'
  if (tok.t === '>') return 'Gt'
  if (tok.t === '<') return 'Lt'
  if (tok.t === 'id' && tok.lit === 'in') return 'In'
  if (tok.t === 'id' && tok.lit === 'notin') return 'NotIn'
  throw new LabelSelectorError(`found '${tok.lit}', expected: in, notin, =, ==, !=, gt, lt`)
}

function parseValues(p: Parser): string[] {
  const open = p.next()
  if (open.t !== '(') throw new LabelSelectorError(`found '${open.lit}', expected: '('`)
  const values: string[] = []
  for (;;) {
    const tok = p.next()
    if (tok.t === ')' && values.length === 0) return values
    if (tok.t !== 'id') throw new LabelSelectorError(`found '${tok.lit}', expected: ',', ')' or identifier`)
    values.push(tok.lit)
    const sep = p.next()
    if (sep.t === ')') return values
    if (sep.t !== ',') throw new LabelSelectorError(`found '${sep.lit}', expected: ',' or ')'`)
  }
}

function parseExactValue(p: Parser): string {
  const tok = p.peek()
  if (tok.t === 'end' || tok.t === ',') return ''
  p.next()
  if (tok.t !== 'id') throw new LabelSelectorError(`found '${tok.lit}', expected: identifier`)
  return tok.lit
}

/** Builds one validated requirement (labels.NewRequirement). */
export function requirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  validateKey(key)
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
    throw new LabelSelectorError("for 'in', 'notin' operators, values set can't be empty")
  }
  if ((operator === 'Equals' || operator === 'NotEquals') && values.length !== 1) {
    throw new LabelSelectorError("exact-match compatibility requires one single value")
  }
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length !== 0) {
    throw new LabelSelectorError("values set must be empty for exists and does not exist")
  }
  if ((operator === 'Gt' || operator === 'Lt') && (values.length !== 1 || !/^-?\d+$/.test(values[0]!))) {
    throw new LabelSelectorError("for 'Gt', 'Lt' operators, the value must be an integer")
  }
  for (const v of values) validateValue(v)
  return { key, operator, values: [...values].sort() }
}

/** A label key: an optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
function validateKey(key: string): void {
  const slash = key.lastIndexOf('/')
  const name = slash < 0 ? key : key.slice(slash + 1)
  const prefix = slash < 0 ? undefined : key.slice(0, slash)
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN_RE.test(prefix))) {
    throw new LabelSelectorError(`key: Invalid value: "${key}": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`)
  }
  if (name.length === 0 || name.length > 63 || !NAME_RE.test(name)) {
    throw new LabelSelectorError(`key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`)
  }
}

function validateValue(value: string): void {
  if (value.length > 63 || !VALUE_RE.test(value)) {
    throw new LabelSelectorError(`values[0][${value}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`)
  }
}

/** Converts a LabelSelector object; metav1 operators are In, NotIn, Exists, DoesNotExist. */
export function fromLabelSelector(sel: LabelSelector): Selector {
  const reqs: Requirement[] = []
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push(requirement(key, 'Equals', [value]))
  for (const expr of sel.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(expr.operator)) {
      throw new LabelSelectorError(`"${expr.operator}" is not a valid label selector operator`)
    }
    reqs.push(requirement(expr.key, expr.operator as Operator, expr.values ?? []))
  }
  return reqs
}

/** True when labels satisfy every requirement. */
export function matches(selector: Selector, labels: Labels | undefined): boolean {
  return selector.every((r) => matchesRequirement(r, labels ?? {}))
}

function matchesRequirement(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key)
  const value = has ? labels[r.key]! : undefined
  switch (r.operator) {
    case 'Equals': case 'In': return has && r.values.includes(value!)
    case 'NotEquals': case 'NotIn': return !has || !r.values.includes(value!)
    case 'Exists': return has
    case 'DoesNotExist': return !has
    case 'Gt': case 'Lt': return has && /^-?\d+$/.test(value!) && compareInt(Number(value), Number(r.values[0]), r.operator)
  }
}

function compareInt(actual: number, bound: number, op: 'Gt' | 'Lt'): boolean {
  return op === 'Gt' ? actual > bound : actual < bound
}

/** The canonical string form, as `kubectl describe` prints selectors. */
export function selectorToString(selector: Selector): string {
  return selector.map(requirementToString).join(',')
}

function requirementToString(r: Requirement): string {
  switch (r.operator) {
    case 'Equals': return `${r.key}=${r.values[0]}`
    case 'NotEquals': return `${r.key}!=${r.values[0]}`
    case 'In': return `${r.key} in (${r.values.join(',')})`
    case 'NotIn': return `${r.key} notin (${r.values.join(',')})`
    case 'Exists': return r.key
    case 'DoesNotExist': return `!${r.key}`
    case 'Gt': return `${r.key}>${r.values[0]}`
    case 'Lt': return `${r.key}<${r.values[0]}`
  }
}
