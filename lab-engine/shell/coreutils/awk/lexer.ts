// awk lexer: source text -> tokens; `/` starts a regex literal only where an operand may begin (POSIX awk's rule).

export type TokenType = 'number' | 'string' | 'regex' | 'name' | 'func' | 'builtin' | 'keyword' | 'op' | 'newline' | 'eof'

export interface Token {
  type: TokenType
  value: string
  line: number
  /** Offset in the source, for the syntax-error context. */
  pos: number
}

export const KEYWORDS = new Set(['BEGIN', 'END', 'if', 'else', 'while', 'for', 'do', 'in', 'break', 'continue', 'next', 'exit', 'print', 'printf', 'delete', 'getline', 'function', 'return'])

export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close'])

/** Longest first, so `+=` wins over `+`. */
const OPERATORS = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**',
  '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '=']

export class AwkSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly pos: number) {
    super(message)
  }
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = []
  let i = 0, line = 1
  const push = (type: TokenType, value: string, pos: number) => tokens.push({ type, value, line, pos })
  while (i < src.length) {
    const c = src[i]
    const start = i
    if (c === '\n') { push('newline', '\n', i); line++; i++; continue }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; line++; continue }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue }
    if (c === '"') { const r = readString(src, i, line); push('string', r.value, start); i = r.end; continue }
    if (c === '/' && regexAllowed(tokens[tokens.length - 1])) { const r = readRegex(src, i, line); push('regex', r.value, start); i = r.end; continue }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(src.slice(i, i + 64))
    if (num) { push('number', num[0], start); i += num[0].length; continue }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256))
    if (word) {
      const w = word[0]
      i += w.length
      push(KEYWORDS.has(w) ? 'keyword' : BUILTINS.has(w) ? 'builtin' : src[i] === '(' ? 'func' : 'name', w, start)
      continue
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i))
    if (!op) throw new AwkSyntaxError('syntax error', line, i)
    push('op', op === '**' ? '^' : op, start)
    i += op.length
  }
  tokens.push({ type: 'eof', value: '', line, pos: src.length })
  return tokens
}

/** After an operand (a name, number, string, `)` `]` `$`-less value, `++`/`--` postfix) `/` divides. */
function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return true
  if (prev.type === 'number' || prev.type === 'string' || prev.type === 'name' || prev.type === 'regex' || prev.type === 'builtin') return false
  if (prev.type === 'op') return ![')', ']', '$', '++', '--'].includes(prev.value)
  return true
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' }

function readString(src: string, i: number, line: number): { value: string; end: number } {
  let out = ''
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j]
    if (c === '"') return { value: out, end: j + 1 }
    if (c === '\n') break
    if (c === '\\' && j + 1 < src.length) {
      const n = src[++j]
      const oct = /^[0-7]{1,3}/.exec(src.slice(j, j + 3))
      if (oct) { out += String.fromCharCode(parseInt(oct[0], 8)); j += oct[0].length - 1 }
      else out += STRING_ESCAPES[n] ?? '\\' + n
    } else out += c
  }
  throw new AwkSyntaxError('non-terminated string', line, i)
}

function readRegex(src: string, i: number, line: number): { value: string; end: number } {
  let out = ''
  let inBracket = false
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j]
    if (c === '\n') break
    if (c === '/' && !inBracket) return { value: out, end: j + 1 }
    if (c === '[') inBracket = true
    else if (c === ']' && inBracket && src[j - 1] !== '[') inBracket = false
    if (c === '\\' && j + 1 < src.length) {
      const n = src[++j]
      out += n === '/' ? '/' : '\\' + n
    } else out += c
  }
  throw new AwkSyntaxError('non-terminated regular expression', line, i)
}
