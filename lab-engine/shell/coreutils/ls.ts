// ls: list directory contents, one name per line (ls's non-terminal layout); -a, -l, -1, -d.
import type { CommandContext, CommandSpec } from '../registry'
import { abs, withArgs } from './io-helpers'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export const ls: CommandSpec = {
  name: 'ls',
  run: (ctx) => withArgs(ctx, 'ls', { flags: 'alAd1h', long: { all: 'a' } }, 2, (a) => {
    const targets = a.operands.length ? a.operands : ['.']
    const opts = { all: a.flags.has('a'), long: a.flags.has('l'), dirSelf: a.flags.has('d') }
    let status = 0
    const files = targets.filter((t) => exists(ctx, t, () => { status = 2 }) && (opts.dirSelf || !ctx.vfs.isDir(abs(ctx, t))))
    const dirs = targets.filter((t) => !opts.dirSelf && ctx.vfs.isDir(abs(ctx, t)))
    const blocks: string[] = []
    if (files.length) blocks.push(render(ctx, files.map((f) => ({ name: f, path: abs(ctx, f) })), opts.long, false))
    for (const d of dirs) blocks.push((targets.length > 1 ? `${d}:\n` : '') + listDir(ctx, d, opts))
    ctx.stdout.write(blocks.join('\n'))
    return status
  }),
}

function exists(ctx: CommandContext, t: string, fail: () => void): boolean {
  if (ctx.vfs.stat(abs(ctx, t))) return true
  ctx.stderr.write(`ls: cannot access '${t}': No such file or directory\n`)
  fail()
  return false
}

function listDir(ctx: CommandContext, d: string, opts: { all: boolean; long: boolean }): string {
  const path = abs(ctx, d)
  const names = ctx.vfs.readdir(path).filter((n) => opts.all || !n.startsWith('.'))
  const entries = (opts.all ? ['.', '..'] : []).concat(names).map((n) => ({ name: n, path: `${path}/${n}` }))
  return render(ctx, entries, opts.long, true)
}

function render(ctx: CommandContext, entries: { name: string; path: string }[], long: boolean, total: boolean): string {
  if (!long) return entries.map((e) => e.name + '\n').join('')
  const rows = entries.map((e) => longRow(ctx, e.name, e.path))
  const sizeWidth = Math.max(0, ...rows.map((r) => r.size.length))
  const blocks = rows.reduce((sum, r) => sum + r.blocks, 0)
  const lines = rows.map((r) => `${r.mode} ${r.links} learner learner ${r.size.padStart(sizeWidth)} ${r.date} ${r.name}\n`)
  return (total ? `total ${blocks}\n` : '') + lines.join('')
}

function longRow(ctx: CommandContext, name: string, path: string) {
  const st = ctx.vfs.stat(path) ?? { type: 'dir' as const, size: 4096, mtime: 0 }
  const dir = st.type === 'dir'
  return {
    mode: dir ? 'drwxr-xr-x' : '-rw-r--r--',
    links: dir ? 2 : 1,
    size: String(st.size),
    blocks: dir ? 4 : Math.ceil(st.size / 4096) * 4,
    date: formatDate(st.mtime),
    name,
  }
}

/** `Mon DD HH:MM`, as ls prints recent files (UTC: the sandbox has no time zone). */
function formatDate(ms: number): string {
  const d = new Date(ms)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${hh}:${mm}`
}
