// Backslash escapes shared by `echo -e` and printf (\n \t \\ \a \b \r \v \f \0NNN \xHH, \c stops output).

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', a: '\x07', b: '\b', r: '\r', v: '\v', f: '\f', e: '\x1b' }

export function interpretEscapes(s: string): { text: string; stop: boolean } {
  let out = ''
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\' || i + 1 >= s.length) { out += s[i]; continue }
    const c = s[++i]
    if (c === 'c') return { text: out, stop: true }
    if (SIMPLE[c]) { out += SIMPLE[c]; continue }
    const num = c === 'x' ? /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1)) : c === '0' ? /^[0-7]{0,3}/.exec(s.slice(i + 1)) : null
    if (num) {
      out += String.fromCharCode(parseInt(num[0] || '0', c === 'x' ? 16 : 8))
      i += num[0].length
      continue
    }
    out += '\\' + c
  }
  return { text: out, stop: false }
}
