// printf: bash's builtin printf: %s %b %d %i %u %x %X %o %c %f %e %g %%, widths and precision; the format repeats.
import type { CommandContext, CommandSpec } from '../registry'
import { interpretEscapes } from './escapes'

/** Stands for `%%` while conversions are expanded (a private-use char, so \0 escapes stay NUL). */
const PERCENT = '\uE000'
const SPEC = /%([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d+))?([sbdiuxXocfFeEgG%])/g

export const printf: CommandSpec = {
  name: 'printf',
  run(ctx) {
    // `--` ends the options, as in bash (`printf -- '-----BEGIN...'` prints a leading dash).
    const words = ctx.argv[1] === '--' ? ctx.argv.slice(2) : ctx.argv.slice(1)
    const [format, ...args] = words
    if (format === undefined) {
      ctx.stderr.write('bash: printf: usage: printf [-v var] format [arguments]\n')
      return 2
    }
    const state = { status: 0, args, used: 0 }
    let out = ''
    do {
      const before = state.used
      const r = formatOnce(ctx, format, state)
      out += r.text
      if (r.stop || state.used === before) break
    } while (state.used < args.length)
    ctx.stdout.write(out)
    return state.status
  },
}

interface FormatState { status: number; args: string[]; used: number }

function formatOnce(ctx: CommandContext, format: string, st: FormatState): { text: string; stop: boolean } {
  const next = () => st.args[st.used++] ?? ''
  let stop = false
  const text = interpretEscapes(format.replace(/%%/g, PERCENT)).text.replace(SPEC, (_m, flags: string, width: string, prec: string, conv: string) => {
    const w = width === '*' ? Number(next()) : width ? Number(width) : 0
    const p = prec === '*' ? Number(next()) : prec !== undefined ? Number(prec) : undefined
    let body: string
    if (conv === 'b') {
      const r = interpretEscapes(next())
      if (r.stop) stop = true
      body = r.text
    } else body = convert(ctx, conv, next(), p, flags, st)
    return pad(body, w, flags, /[diuxXofFeEgG]/.test(conv))
  })
  return { text: text.split(PERCENT).join('%'), stop }
}

function convert(ctx: CommandContext, conv: string, arg: string, prec: number | undefined, flags: string, st: FormatState): string {
  if (conv === 's') return prec === undefined ? arg : arg.slice(0, prec)
  if (conv === 'c') return arg.slice(0, 1)
  const n = toNumber(ctx, arg, st)
  const sign = (s: string) => (n >= 0 && flags.includes('+') ? '+' + s : n >= 0 && flags.includes(' ') ? ' ' + s : s)
  switch (conv) {
    case 'd': case 'i': case 'u': return sign(String(Math.trunc(n)))
    case 'x': return Math.trunc(n).toString(16)
    case 'X': return Math.trunc(n).toString(16).toUpperCase()
    case 'o': return Math.trunc(n).toString(8)
    case 'e': case 'E': return sign(n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'))[conv === 'E' ? 'toUpperCase' : 'toString']()
    case 'g': case 'G': return sign(String(Number(n.toPrecision(prec || 6))))
    default: return sign(n.toFixed(prec ?? 6))
  }
}

/** bash: a leading quote gives the character code; junk prints an error and counts as what parsed. */
function toNumber(ctx: CommandContext, arg: string, st: FormatState): number {
  if (arg === '') return 0
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0
  const t = arg.trim()
  const n = /^[-+]?0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : Number(t)
  if (!Number.isNaN(n)) return n
  ctx.stderr.write(`bash: printf: ${arg}: invalid number\n`)
  st.status = 1
  return parseFloat(t) || 0
}

function pad(body: string, width: number, flags: string, numeric: boolean): string {
  if (body.length >= width) return body
  if (flags.includes('-')) return body.padEnd(width)
  if (flags.includes('0') && numeric) {
    const neg = /^[-+ ]/.test(body) ? body[0] : ''
    return neg + body.slice(neg.length).padStart(width - neg.length, '0')
  }
  return body.padStart(width)
}
