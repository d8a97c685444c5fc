// printenv: prints the environment, or the values of the named variables (GNU coreutils and BusyBox agree).
//
// Follows GNU coreutils printenv(1): no operand prints every NAME=value; with
// operands, each set variable's value on its own line in operand order, exit 1
// when any is unset (a name containing `=` never matches); -0/--null ends each
// entry with NUL instead of newline; a bad option exits 2.
import type { CommandSpec } from '../registry'
import { withArgs } from './io-helpers'

export const printenv: CommandSpec = {
  name: 'printenv',
  run: (ctx) => withArgs(ctx, 'printenv', { flags: '0', long: { null: '0' } }, 2, (a) => {
    const end = a.flags.has('0') ? '\0' : '\n'
    if (a.operands.length === 0) {
      ctx.stdout.write(Object.entries(ctx.env).map(([k, v]) => `${k}=${v}${end}`).join(''))
      return 0
    }
    let missing = false
    for (const name of a.operands) {
      const value = name.includes('=') || !Object.hasOwn(ctx.env, name) ? undefined : ctx.env[name]
      if (value === undefined) missing = true
      else ctx.stdout.write(value + end)
    }
    return missing ? 1 : 0
  }),
}
