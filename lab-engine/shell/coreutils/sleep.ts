// sleep: pause through the session clock (virtual time in the CLI, real time in terminals); s/m/h/d suffixes.
import type { CommandSpec } from '../registry'

const UNIT_MS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

export const sleep: CommandSpec = {
  name: 'sleep',
  async run(ctx) {
    const args = ctx.argv.slice(1)
    if (!args.length) { ctx.stderr.write("sleep: missing operand\nTry 'sleep --help' for more information.\n"); return 1 }
    let ms = 0
    for (const a of args) {
      const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a)
      if (!m) { ctx.stderr.write(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`); return 1 }
      ms += Number(m[1]) * UNIT_MS[m[2]]
    }
    await ctx.clock.sleep(ms, ctx.signal)
    return 0
  },
}
