// which: where a command would be found; shell builtins have no path, as with the real `which`.
import type { CommandSpec } from '../registry'

/** Commands that exist only inside bash, so `which` finds no file for them. */
export const SHELL_BUILTINS = new Set(['cd', 'export', 'unset', 'read', 'break', 'continue', 'exit', ':', 'history', 'help'])

export const which: CommandSpec = {
  name: 'which',
  run(ctx) {
    let status = 0
    for (const name of ctx.argv.slice(1)) {
      if (ctx.registry.has(name) && !SHELL_BUILTINS.has(name)) ctx.stdout.write(`/usr/bin/${name}\n`)
      else status = 1
    }
    return ctx.argv.length > 1 ? status : 1
  },
}
