// Variable builtins: export, unset, env and read (bash's wording for invalid names).
import type { CommandContext, CommandSpec } from '../registry'

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export const exportCmd: CommandSpec = {
  name: 'export',
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '-p')
    if (!args.length) return printExports(ctx)
    let status = 0
    for (const arg of args) {
      const eq = arg.indexOf('=')
      const name = eq < 0 ? arg : arg.slice(0, eq)
      if (!NAME.test(name)) {
        ctx.stderr.write(`bash: export: \`${arg}': not a valid identifier\n`)
        status = 1
        continue
      }
      ctx.shell.setExported(name, eq < 0 ? undefined : arg.slice(eq + 1))
    }
    return status
  },
}

function printExports(ctx: CommandContext): number {
  for (const name of [...ctx.shell.exported].sort()) {
    const v = ctx.shell.get(name)
    ctx.stdout.write(v === undefined ? `declare -x ${name}\n` : `declare -x ${name}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`)
  }
  return 0
}

export const unset: CommandSpec = {
  name: 'unset',
  run(ctx) {
    for (const name of ctx.argv.slice(1).filter((a) => a !== '-v')) {
      ctx.shell.vars.delete(name)
      ctx.shell.exported.delete(name)
    }
    return 0
  },
}

export const env: CommandSpec = {
  name: 'env',
  async run(ctx) {
    const args = ctx.argv.slice(1)
    const extra: Record<string, string> = {}
    while (args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[0])) {
      const a = args.shift()!
      extra[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1)
    }
    const all = { ...ctx.env, ...extra }
    if (!args.length) {
      ctx.stdout.write(Object.entries(all).map(([k, v]) => `${k}=${v}\n`).join(''))
      return 0
    }
    const spec = ctx.registry.get(args[0])
    if (!spec) { ctx.stderr.write(`env: '${args[0]}': No such file or directory\n`); return 127 }
    return spec.run({ ...ctx, argv: args, env: all, stdin: ctx.stdin })
  },
}

/** `read [-r] NAME...`: one line of stdin, split on blanks, the rest into the last name. */
export const read: CommandSpec = {
  name: 'read',
  run(ctx) {
    const names = ctx.argv.slice(1).filter((a) => a !== '-r')
    const raw = ctx.argv.includes('-r')
    const line = ctx.input.line()
    if (line === null) return 1
    const text = raw ? line : line.replace(/\\(.)/g, '$1')
    const targets = names.length ? names : ['REPLY']
    let rest = names.length ? text.replace(/^[ \t]+/, '') : text
    targets.forEach((n, i) => {
      if (i === targets.length - 1) return ctx.shell.set(n, names.length ? rest.replace(/[ \t]+$/, '') : rest)
      const m = /^([^ \t]*)[ \t]*/.exec(rest)!
      ctx.shell.set(n, m[1])
      rest = rest.slice(m[0].length)
    })
    return 0
  },
}
