// dirname and basename: string operations on paths (no file system access), as GNU coreutils does them.
import type { CommandSpec } from '../registry'
import { withArgs } from './io-helpers'

const tryHelp = (tool: string) => `Try '${tool} --help' for more information.\n`

export const dirname: CommandSpec = {
  name: 'dirname',
  run: (ctx) => withArgs(ctx, 'dirname', { flags: 'z', long: { zero: 'z' } }, 1, (a) => {
    if (!a.operands.length) { ctx.stderr.write('dirname: missing operand\n' + tryHelp('dirname')); return 1 }
    const end = a.flags.has('z') ? '\0' : '\n'
    for (const p of a.operands) ctx.stdout.write(dirOf(p) + end)
    return 0
  }),
}

export const basename: CommandSpec = {
  name: 'basename',
  run: (ctx) => withArgs(ctx, 'basename', { flags: 'az', values: 's', long: { multiple: 'a', suffix: 's', zero: 'z' } }, 1, (a) => {
    const ops = a.operands
    if (!ops.length) { ctx.stderr.write('basename: missing operand\n' + tryHelp('basename')); return 1 }
    const multiple = a.flags.has('a') || a.values.s !== undefined
    if (!multiple && ops.length > 2) { ctx.stderr.write(`basename: extra operand '${ops[2]}'\n` + tryHelp('basename')); return 1 }
    const suffix = a.values.s ?? (multiple ? '' : ops[1] ?? '')
    const end = a.flags.has('z') ? '\0' : '\n'
    for (const p of multiple ? ops : [ops[0]]) ctx.stdout.write(baseOf(p, suffix) + end)
    return 0
  }),
}

export function dirOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return path.startsWith('/') ? '/' : '.'
  const slash = trimmed.lastIndexOf('/')
  if (slash < 0) return '.'
  return trimmed.slice(0, slash).replace(/\/+$/, '') || '/'
}

export function baseOf(path: string, suffix = ''): string {
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return path.startsWith('/') ? '/' : ''
  const base = trimmed.slice(trimmed.lastIndexOf('/') + 1)
  return suffix && base !== suffix && base.endsWith(suffix) ? base.slice(0, -suffix.length) : base
}
