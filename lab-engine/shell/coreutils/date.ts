// date: the shell clock's time in UTC (the sandbox's only zone); +FORMAT, -u, -d @SECONDS / ISO 8601, -I, -R.
//
// Assumption: the sandbox's TZ is UTC, so -u changes nothing and %Z prints "UTC" (as a kind node
// container does). Dates are formatted with the C locale's English names, like GNU date with LANG=C.
import type { CommandSpec } from '../registry'

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
/** GNU date's default output format in the C locale. */
export const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y'
const tryHelp = "Try 'date --help' for more information.\n"

export const date: CommandSpec = {
  name: 'date',
  run(ctx) {
    let when = ctx.clock.now()
    let format: string | undefined
    const args = ctx.argv.slice(1)
    for (let i = 0; i < args.length; i++) {
      const a = args[i]
      if (a === '-u' || a === '--utc' || a === '--universal') continue
      let dateArg: string | undefined
      if (a === '-d' || a === '--date') {
        dateArg = args[++i]
        if (dateArg === undefined) { ctx.stderr.write(`date: option requires an argument -- 'd'\n${tryHelp}`); return 1 }
      } else if (a.startsWith('--date=')) dateArg = a.slice(7)
      else if (a.startsWith('-d') && a.length > 2) dateArg = a.slice(2)
      if (dateArg !== undefined) {
        const parsed = parseDate(dateArg, ctx.clock.now())
        if (parsed === null) { ctx.stderr.write(`date: invalid date '${dateArg}'\n`); return 1 }
        when = parsed
        continue
      }
      if (a === '-I' || a === '--iso-8601' || a === '--iso-8601=date') { format = '%Y-%m-%d'; continue }
      if (a === '-Iseconds' || a === '--iso-8601=seconds') { format = '%Y-%m-%dT%H:%M:%S%:z'; continue }
      if (a === '-R' || a === '--rfc-email') { format = '%a, %d %b %Y %H:%M:%S %z'; continue }
      if (a.startsWith('+')) {
        if (format !== undefined) { ctx.stderr.write(`date: extra operand '${a}'\n${tryHelp}`); return 1 }
        format = a.slice(1)
        continue
      }
      if (a.startsWith('-') && a !== '-') {
        ctx.stderr.write(a.startsWith('--') ? `date: unrecognized option '${a}'\n${tryHelp}` : `date: invalid option -- '${a[1]}'\n${tryHelp}`)
        return 1
      }
      // GNU would set the clock with MMDDhhmm; nobody may set the sandbox's clock.
      ctx.stderr.write(`date: invalid date '${a}'\n`)
      return 1
    }
    ctx.stdout.write(formatDate(when, format ?? DEFAULT_FORMAT) + '\n')
    return 0
  },
}

/** `@SECONDS`, `now`, relative items, `YYYY-MM-DD[T ]hh:mm[:ss][.frac][Z|±hh:mm]`; null when unreadable. */
export function parseDate(s: string, now: number): number | null {
  const t = s.trim()
  if (t === '' || t === 'now') return now
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(t)
  if (epoch) return Math.floor(Number(epoch[1]) * 1000)
  const relative = parseRelative(t.toLowerCase(), now)
  if (relative !== null) return relative
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i.exec(t)
  if (!m) return null
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(sec) > 60) return null
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), Number((frac + '000').slice(0, 3)))
  if (new Date(ms).getUTCDate() !== Number(d)) return null
  const off = zone && /^[+-]/.test(zone) ? /^([+-])(\d{2}):?(\d{2})$/.exec(zone) : null
  if (off) ms -= (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])) * 60_000
  return ms
}

const UNIT_MS: Record<string, number> = { sec: 1000, second: 1000, min: 60_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 }

/** GNU's relative items: `yesterday`, `tomorrow`, `N unit[s] ago`, `+N unit[s]`, `-N unit[s]`. */
function parseRelative(t: string, now: number): number | null {
  if (t === 'yesterday') return now - UNIT_MS.day
  if (t === 'tomorrow') return now + UNIT_MS.day
  const m = /^([+-]?\d+)\s*(sec|second|min|minute|hour|day|week)s?(\s+ago)?$/.exec(t)
  if (!m) return null
  const n = Number(m[1]) * UNIT_MS[m[2]]
  return m[3] ? now - n : now + n
}

/** strftime's common conversions, in UTC; an unknown one is printed as is, as GNU does. */
export function formatDate(ms: number, format: string): string {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  const hour12 = d.getUTCHours() % 12 || 12
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1)
  const conv: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()].slice(0, 3), A: () => DAYS[d.getUTCDay()],
    b: () => MONTHS[d.getUTCMonth()].slice(0, 3), h: () => MONTHS[d.getUTCMonth()].slice(0, 3), B: () => MONTHS[d.getUTCMonth()],
    c: () => formatDate(ms, '%a %b %e %H:%M:%S %Y'), C: () => two(Math.floor(d.getUTCFullYear() / 100)),
    d: () => two(d.getUTCDate()), e: () => String(d.getUTCDate()).padStart(2), D: () => formatDate(ms, '%m/%d/%y'),
    F: () => formatDate(ms, '%Y-%m-%d'), H: () => two(d.getUTCHours()), I: () => two(hour12),
    j: () => String(Math.floor((ms - startOfYear) / 86_400_000) + 1).padStart(3, '0'),
    k: () => String(d.getUTCHours()).padStart(2), l: () => String(hour12).padStart(2),
    m: () => two(d.getUTCMonth() + 1), M: () => two(d.getUTCMinutes()), n: () => '\n', t: () => '\t',
    N: () => String(d.getUTCMilliseconds()).padStart(3, '0') + '000000', p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    P: () => (d.getUTCHours() < 12 ? 'am' : 'pm'), r: () => formatDate(ms, '%I:%M:%S %p'), R: () => formatDate(ms, '%H:%M'),
    s: () => String(Math.floor(ms / 1000)), S: () => two(d.getUTCSeconds()), T: () => formatDate(ms, '%H:%M:%S'),
    u: () => String(d.getUTCDay() || 7), w: () => String(d.getUTCDay()), y: () => two(d.getUTCFullYear() % 100),
    Y: () => String(d.getUTCFullYear()), z: () => '+0000', Z: () => 'UTC', '%': () => '%',
  }
  return format.replace(/%(:z|.|$)/gs, (m, c: string) => (c === ':z' ? '+00:00' : conv[c]?.() ?? m))
}
