// base64: encode (wrapped at 76 columns, -w N) or decode (-d) standard input or a file.
import type { CommandSpec } from '../registry'
import { readInputs, withArgs } from './io-helpers'

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export const base64: CommandSpec = {
  name: 'base64',
  run: (ctx) => withArgs(ctx, 'base64', { flags: 'di', values: 'w', long: { decode: 'd', wrap: 'w' } }, 1, (a) => {
    const { files, failed } = readInputs(ctx, 'base64', a.operands.slice(0, 1))
    if (failed) return 1
    const text = files[0].text
    if (a.flags.has('d')) return decode(text, (s) => ctx.stdout.write(s), (s) => ctx.stderr.write(s))
    const wrap = Number(a.values.w ?? 76)
    const b64 = btoa(String.fromCharCode(...encoder.encode(text)))
    const lines = wrap > 0 ? b64.match(new RegExp(`.{1,${wrap}}`, 'g')) ?? [] : [b64]
    ctx.stdout.write(lines.length && b64 ? lines.join('\n') + '\n' : '')
    return 0
  }),
}

function decode(text: string, out: (s: string) => void, err: (s: string) => void): number {
  const clean = text.replace(/\s+/g, '')
  const valid = /^[A-Za-z0-9+/]*={0,2}$/.test(clean) && clean.length % 4 !== 1
  try {
    const body = valid ? clean : clean.replace(/[^A-Za-z0-9+/=].*$/s, '').replace(/=+$/, '')
    const padded = body + '='.repeat((4 - (body.length % 4)) % 4)
    out(decoder.decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0))))
  } catch {
    valid || out('')
  }
  if (valid) return 0
  err('base64: invalid input\n')
  return 1
}
