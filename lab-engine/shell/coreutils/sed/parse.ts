// sed script parser: addresses, `!`, and the commands learners use (s y d p q = a i c { }), with GNU sed's error wording.
import { compileRegex, type RegexSyntax } from '../safe-regex'

export type Address = { type: 'line'; n: number } | { type: 'last' } | { type: 'regex'; re: RegExp | null }

export type ReplacementPart = { type: 'text'; text: string } | { type: 'group'; n: number }

export type SedCommand =
  | { name: 's'; re: RegExp | null; replacement: ReplacementPart[]; global: boolean; occurrence: number; print: boolean }
  | { name: 'd' | 'p' | '=' | 'D' }
  | { name: 'q' | 'Q'; code: number }
  | { name: 'a' | 'i' | 'c'; text: string }
  | { name: 'y'; map: Map<string, string> }
  | { name: '{'; body: SedInstruction[] }

export interface SedInstruction {
  addr1?: Address
  addr2?: Address
  negate: boolean
  command: SedCommand
}

/** A script error: GNU prints `sed: -e expression #N, char C: <message>`. */
export class SedScriptError extends Error {}

const REGEX_SPECIAL = '.*[]^$\\+?(){}|/'

export function parseSedScript(script: string, expression: number, syntax: RegexSyntax): SedInstruction[] {
  return new SedParser(script, expression, syntax).program()
}

class SedParser {
  private i = 0
  private depth = 0

  constructor(private readonly s: string, private readonly expression: number, private readonly syntax: RegexSyntax) {}

  program(): SedInstruction[] {
    const list = this.list()
    if (this.depth > 0 || this.i < this.s.length) this.fail("unexpected `}'")
    return list
  }

  private list(): SedInstruction[] {
    const out: SedInstruction[] = []
    for (;;) {
      this.skip(/[\s;]/)
      if (this.i >= this.s.length || this.s[this.i] === '}') return out
      out.push(this.instruction())
    }
  }

  private instruction(): SedInstruction {
    const addr1 = this.address()
    let addr2: Address | undefined
    this.skip(/[ \t]/)
    if (this.s[this.i] === ',') {
      this.i++
      this.skip(/[ \t]/)
      addr2 = this.address()
      if (!addr2) this.fail("unexpected `,'")
    }
    this.skip(/[ \t]/)
    let negate = false
    while (this.s[this.i] === '!') { negate = true; this.i++; this.skip(/[ \t]/) }
    const command = this.command(addr2 !== undefined)
    return { addr1, addr2, negate, command }
  }

  private address(): Address | undefined {
    const c = this.s[this.i]
    if (c === undefined) return undefined
    if (/\d/.test(c)) {
      const m = /^\d+/.exec(this.s.slice(this.i))!
      this.i += m[0].length
      if (Number(m[0]) === 0) this.fail('invalid usage of line address 0')
      return { type: 'line', n: Number(m[0]) }
    }
    if (c === '$') { this.i++; return { type: 'last' } }
    if (c === '/' || c === '\\') {
      this.i++
      const delim = c === '\\' ? this.s[this.i++] : '/'
      if (delim === undefined) this.fail('unterminated address regex')
      const pattern = this.delimited(delim, 'unterminated address regex')
      let ignoreCase = false
      while (this.s[this.i] === 'I') { ignoreCase = true; this.i++ }
      return { type: 'regex', re: this.regex(pattern, ignoreCase, false) }
    }
    return undefined
  }

  private command(range: boolean): SedCommand {
    const c = this.s[this.i++]
    if (c === undefined) this.fail('missing command')
    switch (c) {
      case 's': return this.substitute()
      case 'd': case 'p': case '=': case 'D': this.end(); return { name: c }
      case 'q': case 'Q': {
        if (range) this.fail('command only uses one address')
        this.skip(/[ \t]/)
        const m = /^\d+/.exec(this.s.slice(this.i))
        if (m) this.i += m[0].length
        this.end()
        return { name: c, code: m ? Number(m[0]) % 256 : 0 }
      }
      case 'a': case 'i': case 'c': return { name: c, text: this.text() }
      case 'y': return this.transliterate()
      case '{': {
        this.depth++
        const body = this.list()
        if (this.s[this.i] !== '}') this.fail("unmatched `{'")
        this.i++
        this.depth--
        return { name: '{', body }
      }
      case '}': this.i--; return this.fail("unexpected `}'")
      default: return this.fail(`unknown command: \`${c}'`)
    }
  }

  private substitute(): SedCommand {
    const delim = this.s[this.i++]
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `s' command")
    const pattern = this.delimited(delim, "unterminated `s' command")
    const rawReplacement = this.delimited(delim, "unterminated `s' command", true)
    let global = false, print = false, ignoreCase = false, occurrence = 1
    for (;;) {
      const f = this.s[this.i]
      if (f === 'g') global = true
      else if (f === 'p') print = true
      else if (f === 'i' || f === 'I') ignoreCase = true
      else if (f !== undefined && /\d/.test(f)) {
        const m = /^\d+/.exec(this.s.slice(this.i))!
        occurrence = Number(m[0])
        if (occurrence === 0) { this.i++; this.fail("number option to `s' command may not be zero") }
        this.i += m[0].length - 1
      } else break
      this.i++
    }
    const f = this.s[this.i]
    if (f !== undefined && !/[\s;}]/.test(f)) { this.i++; this.fail("unknown option to `s'") }
    this.end()
    const re = this.regex(pattern, ignoreCase, true)
    const replacement = parseReplacement(rawReplacement)
    const maxGroup = Math.max(0, ...replacement.map((p) => (p.type === 'group' ? p.n : 0)))
    const groups = re ? countGroups(re) : 9
    // GNU checks the RHS after reading the command's terminator (or EOF), one char on.
    if (maxGroup > groups) this.fail(`invalid reference \\${maxGroup} on \`s' command's RHS`, this.i + 1)
    return { name: 's', re, replacement, global, occurrence, print }
  }

  /** `y/abc/xyz/`: each character of the first list becomes the one at the same place in the second. */
  private transliterate(): SedCommand {
    const delim = this.s[this.i++]
    if (delim === undefined || delim === '\n' || delim === '\\') this.fail("unterminated `y' command")
    const unescape = (x: string) => x.replace(/\\(.)/g, (_m, ch: string) => (ch === 'n' ? '\n' : ch === 't' ? '\t' : ch))
    const from = [...unescape(this.delimited(delim, "unterminated `y' command", true))]
    const to = [...unescape(this.delimited(delim, "unterminated `y' command", true))]
    if (from.length !== to.length) this.fail("strings for `y' command are different lengths")
    this.end()
    return { name: 'y', map: new Map(from.map((ch, k) => [ch, to[k]])) }
  }

  /** Text up to an unescaped delimiter; `\delim` becomes the delimiter itself. Keeps other escapes. */
  private delimited(delim: string, unterminated: string, keepEscapes = false): string {
    let out = ''
    for (;;) {
      const c = this.s[this.i++]
      if (c === undefined) { this.i = this.s.length; this.fail(unterminated) }
      if (c === '\n' && !keepEscapes) this.fail(unterminated)
      if (c === delim) return out
      if (c === '\\') {
        const n = this.s[this.i++]
        if (n === undefined) this.fail(unterminated)
        if (n === delim) out += keepEscapes ? (delim === '&' ? '\\&' : delim) : literalDelimiter(delim, this.syntax)
        else out += '\\' + n
      } else out += c
    }
  }

  /** a/i/c text: GNU's one-liner `a text`, or `a\` followed by the text. */
  private text(): string {
    this.skip(/[ \t]/)
    if (this.s[this.i] === '\\') { this.i++; if (this.s[this.i] === '\n') this.i++ }
    let out = ''
    while (this.i < this.s.length && this.s[this.i] !== '\n') {
      const c = this.s[this.i++]
      out += c === '\\' && this.i < this.s.length ? this.s[this.i++] : c
    }
    if (out === '' ) this.fail('expected \\ after `a\', `c\' or `i\'')
    return out
  }

  private regex(pattern: string, ignoreCase: boolean, global: boolean): RegExp | null {
    if (pattern === '') return null
    const r = compileRegex(pattern, { syntax: this.syntax, ignoreCase, global })
    if (!r.ok) this.fail(r.message)
    return r.ok ? r.re : null
  }

  /** After a command: spaces, then `;`, `}`, a newline or the end. */
  private end(): void {
    this.skip(/[ \t]/)
    const c = this.s[this.i]
    if (c !== undefined && c !== ';' && c !== '\n' && c !== '}') { this.i++; this.fail('extra characters after command') }
  }

  private skip(re: RegExp): void {
    while (this.i < this.s.length && re.test(this.s[this.i])) this.i++
  }

  private fail(message: string, at = this.i): never {
    throw new SedScriptError(`sed: -e expression #${this.expression}, char ${at}: ${message}`)
  }
}

function literalDelimiter(delim: string, syntax: RegexSyntax): string {
  if (!REGEX_SPECIAL.includes(delim)) return delim
  // `\|` is alternation in GNU BRE, so a literal delimiter goes in brackets.
  if (delim === '\\' || delim === ']' || delim === '^') return '\\' + delim
  return syntax === 'ERE' || '.*[$'.includes(delim) ? `[${delim}]` : delim
}

/** `&` is the match, `\1`..`\9` groups, `\n` a newline, `\&` a literal ampersand. */
function parseReplacement(raw: string): ReplacementPart[] {
  const parts: ReplacementPart[] = []
  let text = ''
  const flush = () => { if (text) parts.push({ type: 'text', text }); text = '' }
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]
    if (c === '&') { flush(); parts.push({ type: 'group', n: 0 }); continue }
    if (c !== '\\' || i + 1 >= raw.length) { text += c; continue }
    const n = raw[++i]
    if (/[0-9]/.test(n)) { flush(); parts.push({ type: 'group', n: Number(n) }) }
    else text += n === 'n' ? '\n' : n === 't' ? '\t' : n
  }
  flush()
  return parts
}

function countGroups(re: RegExp): number {
  return new RegExp(`(?:${re.source})|`).exec('')!.length - 1
}
