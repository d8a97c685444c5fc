// Safe regex: compiles a learner's POSIX BRE/ERE (grep, sed, awk) to a JS RegExp, refusing ReDoS-prone shapes.
//
// JS regexes backtrack, GNU's are DFA-based; a pattern like `(a+)+$` that GNU matches in linear
// time would hang V8 on a long line. So patterns are translated in one pass that also records their
// shape, and refused when a repeated group itself repeats, when a repeated alternation's branches can
// start with the same character, or when there are many unbounded repeats. Polynomial patterns within
// those limits (`.*a.*b`) are accepted: lines are bounded by the VFS file size.

/** Longest pattern accepted (GNU has no fixed limit; ours keeps translation and matching cheap). */
export const MAX_PATTERN_CHARS = 4096
/** Unbounded repeats (`*`, `+`, `{n,}`) per pattern; each one multiplies backtracking on a failed match. */
export const MAX_UNBOUNDED_REPEATS = 8
/** A bounded repeat above this many copies of a group counts as unbounded for the nesting check. */
const SMALL_REPEAT = 10

export type RegexSyntax = 'BRE' | 'ERE'

export interface RegexOptions { syntax: RegexSyntax; ignoreCase?: boolean; global?: boolean }

export type RegexResult = { ok: true; re: RegExp; groups: number } | { ok: false; message: string }

/** POSIX character classes in brackets, as JS class contents. */
const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f',
}

const ANY = '\u0000any'

/** One open group while translating: whether it holds a repeat, and each branch's possible first characters. */
interface Frame { repeats: boolean; branches: Set<string>[]; atBranchStart: boolean }

class RegexRefused extends Error {}

export function compileRegex(pattern: string, opts: RegexOptions): RegexResult {
  if (pattern.length > MAX_PATTERN_CHARS) return { ok: false, message: 'regular expression too big' }
  try {
    const { source, groups } = new Translator(pattern, opts).run()
    const flags = (opts.ignoreCase ? 'i' : '') + (opts.global ? 'g' : '')
    return { ok: true, re: new RegExp(source, flags), groups }
  } catch (err) {
    if (err instanceof RegexRefused) return { ok: false, message: err.message }
    return { ok: false, message: 'Invalid regular expression' }
  }
}

class Translator {
  private i = 0
  private out = ''
  private groups = 0
  private closedGroups = 0
  private unbounded = 0
  private readonly stack: Frame[] = [newFrame()]
  /** The last atom (what a repeat applies to), and the frame it closed if it was a group. */
  private lastAtom: { group: Frame | null; quantified: boolean } | null = null
  private readonly bre: boolean

  constructor(private readonly p: string, private readonly opts: RegexOptions) {
    this.bre = opts.syntax === 'BRE'
  }

  run(): { source: string; groups: number } {
    while (this.i < this.p.length) this.step()
    if (this.stack.length > 1) throw new RegexRefused('Unmatched ( or \\(')
    return { source: this.out, groups: this.groups }
  }

  private step(): void {
    const c = this.p[this.i++]
    if (c === '\\') return this.escape()
    if (c === '[') return this.bracket()
    if (this.bre) {
      if (c === '*' && !this.atStart()) return this.quantifier('*', true, Infinity)
      if (c === '^' && this.atStart()) return this.raw('^')
      if (c === '$' && (this.i === this.p.length || this.p.startsWith('\\)', this.i) || this.p.startsWith('\\|', this.i))) return this.raw('$')
      if (c === '.') return this.atom('.', ANY)
      return this.literal(c)
    }
    switch (c) {
      case '(': return this.open()
      case ')': return this.close()
      case '|': return this.alternate()
      case '*': case '+': case '?':
        return this.atStart() ? this.literal(c) : this.quantifier(c, c !== '?', c === '?' ? 1 : Infinity)
      case '{': return this.interval()
      case '^': case '$': return this.raw(c)
      case '.': return this.atom('.', ANY)
      default: return this.literal(c)
    }
  }

  private escape(): void {
    if (this.i >= this.p.length) throw new RegexRefused('Trailing backslash')
    const c = this.p[this.i++]
    if (this.bre) {
      if (c === '(') return this.open()
      if (c === ')') return this.close()
      if (c === '|') return this.alternate()
      if (c === '{') return this.interval()
      if ((c === '+' || c === '?') && !this.atStart()) return this.quantifier(c, c === '+', c === '?' ? 1 : Infinity)
    }
    if (c >= '1' && c <= '9') {
      if (Number(c) > this.closedGroups) throw new RegexRefused('Invalid back reference')
      return this.atom('\\' + c, ANY)
    }
    if ('wWsSbB'.includes(c)) return this.atom('\\' + c, ANY)
    if (c === '<') return this.raw('\\b(?=\\w)')
    if (c === '>') return this.raw('\\b(?<=\\w)')
    if (c === 'n') return this.literal('\n')
    if (c === 't') return this.literal('\t')
    this.literal(c)
  }

  private bracket(): void {
    let j = this.i
    let body = ''
    if (this.p[j] === '^') { body += '^'; j++ }
    let first = true
    for (;;) {
      if (j >= this.p.length) throw new RegexRefused('Unmatched [, [^, [:, [., or [=')
      const c = this.p[j]
      if (c === ']' && !first) break
      first = false
      if (c === '[' && this.p[j + 1] === ':') {
        const end = this.p.indexOf(':]', j + 2)
        const cls = end < 0 ? undefined : POSIX_CLASSES[this.p.slice(j + 2, end)]
        if (cls === undefined) throw new RegexRefused(end < 0 ? 'Unmatched [, [^, [:, [., or [=' : 'Invalid character class name')
        body += cls
        j = end + 2
        continue
      }
      body += c === '\\' || c === ']' || c === '[' || (c === '^' && body !== '') ? '\\' + c : c
      j++
    }
    this.i = j + 1
    this.atom(`[${body}]`, ANY)
  }

  private open(): void {
    this.groups++
    this.stack.push(newFrame())
    this.out += '('
    this.lastAtom = null
  }

  private close(): void {
    if (this.stack.length === 1) {
      if (this.bre) throw new RegexRefused('Unmatched ) or \\)')
      return this.literal(')')
    }
    const frame = this.stack.pop()!
    this.closedGroups++
    this.out += ')'
    const parent = this.top()
    if (frame.repeats) parent.repeats = true
    this.noteFirst(ANY)
    this.lastAtom = { group: frame, quantified: false }
  }

  private alternate(): void {
    const frame = this.top()
    frame.branches.push(new Set())
    frame.atBranchStart = true
    this.out += '|'
    this.lastAtom = null
  }

  private interval(): void {
    const rest = this.p.slice(this.i)
    const m = (this.bre ? /^(\d*)(,(\d*))?\\\}/ : /^(\d*)(,(\d*))?\}/).exec(rest)
    if (!m || (m[1] === '' && !m[2])) {
      if (this.bre) throw new RegexRefused('Unmatched \\{')
      return this.literal('{')
    }
    const min = m[1] === '' ? 0 : Number(m[1])
    const max = m[2] ? (m[3] === '' ? Infinity : Number(m[3])) : min
    if (min > 32767 || (max !== Infinity && (max > 32767 || max < min))) throw new RegexRefused('Invalid content of \\{\\}')
    if (this.atStart()) throw new RegexRefused('Invalid preceding regular expression')
    this.i += m[0].length
    this.quantifier(`{${min},${max === Infinity ? '' : max}}`, max === Infinity, max)
  }

  private quantifier(q: string, unbounded: boolean, max: number): void {
    const atom = this.lastAtom
    if (!atom) return this.literal(q.length === 1 ? q : '{')
    // GNU accepts `a**`; a second repeat adds nothing, and JS would read `*?` as lazy.
    if (atom.quantified) return
    if (unbounded && ++this.unbounded > MAX_UNBOUNDED_REPEATS) {
      throw new RegexRefused(`pattern refused: more than ${MAX_UNBOUNDED_REPEATS} unbounded repetitions`)
    }
    const large = unbounded || max > SMALL_REPEAT
    if (atom.group && large) checkRepeatedGroup(atom.group)
    this.out += q
    atom.quantified = true
    this.top().repeats = true
  }

  private atom(js: string, first: string): void {
    this.noteFirst(first)
    this.lastAtom = { group: null, quantified: false }
    this.out += js
  }

  private literal(c: string): void {
    const key = this.opts.ignoreCase ? c.toLowerCase() : c
    this.atom(/[\\^$.*+?()[\]{}|/]/.test(c) ? '\\' + c : c, key)
  }

  private raw(js: string): void {
    this.out += js
    this.lastAtom = null
  }

  private noteFirst(first: string): void {
    const frame = this.top()
    if (!frame.atBranchStart) return
    frame.branches[frame.branches.length - 1].add(first)
    frame.atBranchStart = false
  }

  /** Start of pattern, group or branch: where `*` is literal. */
  private atStart(): boolean {
    return this.top().atBranchStart && this.lastAtom === null
  }

  private top(): Frame {
    return this.stack[this.stack.length - 1]
  }
}

function newFrame(): Frame {
  return { repeats: false, branches: [new Set()], atBranchStart: true }
}

/** `(x+)*` and `(a|ab)*`: the ways to split a failing input grow exponentially. */
function checkRepeatedGroup(group: Frame): void {
  if (group.repeats) throw new RegexRefused('pattern refused: nested repetition (like (a+)+) can take exponential time')
  if (group.branches.length < 2) return
  const seen = new Set<string>()
  for (const firsts of group.branches) {
    if (firsts.size === 0) throw new RegexRefused('pattern refused: repeated alternation with an empty branch')
    for (const f of firsts) {
      if (f === ANY ? seen.size > 0 : seen.has(f) || seen.has(ANY)) {
        throw new RegexRefused('pattern refused: repeated alternation whose branches overlap can take exponential time')
      }
    }
    for (const f of firsts) seen.add(f)
  }
}
