// tr: translate (-d delete, -s squeeze) characters, with ranges, [:classes:] and backslash escapes.
import type { CommandSpec } from '../registry'
import { withArgs } from './io-helpers'

const CLASSES: Record<string, string> = {
  upper: 'A-Z', lower: 'a-z', digit: '0-9', alpha: 'a-zA-Z', alnum: 'a-zA-Z0-9', space: ' \\t\\n\\r\\v\\f', blank: ' \\t', punct: '!-/:-@[-`{-~',
}
const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', '\\': '\\' }

export const tr: CommandSpec = {
  name: 'tr',
  run: (ctx) => withArgs(ctx, 'tr', { flags: 'dsc' }, 1, (a) => {
    const [s1, s2] = a.operands
    const del = a.flags.has('d')
    if (s1 === undefined || (!del && !a.flags.has('s') && s2 === undefined)) {
      ctx.stderr.write(`tr: missing operand${s1 === undefined ? '' : ` after '${s1}'`}\nTry 'tr --help' for more information.\n`)
      return 1
    }
    const from = expandSet(s1)
    const to = s2 === undefined ? [] : expandSet(s2)
    let text = [...ctx.stdin]
    if (del) text = text.filter((c) => !from.includes(c))
    else if (to.length) text = text.map((c) => { const i = from.lastIndexOf(c); return i < 0 ? c : to[Math.min(i, to.length - 1)] })
    const squeeze = a.flags.has('s') ? (del || !to.length ? (del ? to : from) : to) : []
    ctx.stdout.write(text.filter((c, i) => !(i > 0 && c === text[i - 1] && squeeze.includes(c))).join(''))
    return 0
  }),
}

export function expandSet(set: string): string[] {
  const src = set.replace(/\[:(\w+):\]/g, (m, name: string) => CLASSES[name] ?? m)
  const chars: string[] = []
  for (let i = 0; i < src.length; i++) {
    let c = src[i]
    if (c === '\\' && i + 1 < src.length) c = ESC[src[++i]] ?? src[i]
    if (src[i + 1] === '-' && i + 2 < src.length) {
      const end = src[i + 2] === '\\' ? ESC[src[i + 3]] ?? src[i + 3] : src[i + 2]
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars.push(String.fromCharCode(code))
      i += src[i + 2] === '\\' ? 3 : 2
    } else chars.push(c)
  }
  return chars
}
