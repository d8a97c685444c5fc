// cd and pwd: bash's builtins for the working directory (cd, cd -, cd ~, $PWD and $OLDPWD).
import type { CommandSpec } from '../registry'
import { resolvePath } from '../vfs'

export const cd: CommandSpec = {
  name: 'cd',
  run(ctx) {
    const args = ctx.argv.slice(1)
    if (args.length > 1) { ctx.stderr.write('bash: cd: too many arguments\n'); return 1 }
    const home = ctx.shell.get('HOME') ?? '/'
    const arg = args[0] ?? home
    const target = arg === '-' ? ctx.shell.get('OLDPWD') : arg
    if (target === undefined) { ctx.stderr.write('bash: cd: OLDPWD not set\n'); return 1 }
    const path = resolvePath(ctx.cwd, target)
    const st = ctx.vfs.stat(path)
    if (!st || st.type !== 'dir') {
      ctx.stderr.write(`bash: cd: ${arg}: ${st ? 'Not a directory' : 'No such file or directory'}\n`)
      return 1
    }
    ctx.shell.set('OLDPWD', ctx.shell.cwd)
    ctx.shell.cwd = path
    if (arg === '-') ctx.stdout.write(path + '\n')
    return 0
  },
}

export const pwd: CommandSpec = {
  name: 'pwd',
  run(ctx) {
    ctx.stdout.write(ctx.cwd + '\n')
    return 0
  },
}
