// kubectl set: the image and env subcommands (the sim serves no resources/selector/serviceaccount/subject targets worth them).
//
// Follows k8s.io/kubectl/pkg/cmd/set/set.go: without a subcommand the help goes
// to stderr with exit 1 (DefaultSubCommandRun); an unknown one is
// `error: unknown command "x"` + `See 'kubectl set -h' for help and examples`.

import { KubectlError, type Verb, type VerbContext } from './context'
import type { FlagDef } from './flags'
import { printingErrors } from './object-update'
import { runSetEnv } from './set-env'
import { runSetImage } from './set-image'

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`

const TARGET_FLAGS: FlagDef[] = [{ name: 'all' }, { name: 'selector', short: 'l', value: true }]
const ENV_FLAGS: FlagDef[] = [
  { name: 'containers', short: 'c', value: true }, { name: 'from', value: true }, { name: 'prefix', value: true },
  { name: 'env', short: 'e', value: true, repeat: true }, { name: 'keys', value: true, repeat: true },
  { name: 'list' }, { name: 'overwrite' },
]

const SUBCOMMANDS: Record<string, { flags: FlagDef[]; run: (ctx: VerbContext, args: readonly string[]) => number }> = {
  image: { flags: TARGET_FLAGS, run: runSetImage },
  env: { flags: [...TARGET_FLAGS, ...ENV_FLAGS], run: runSetEnv },
}

export const setVerb: Verb = {
  name: 'set',
  flags: [...TARGET_FLAGS, ...ENV_FLAGS],
  run(ctx) {
    const [sub, ...args] = ctx.flags.args
    if (!sub) { ctx.err(SET_HELP); return 1 }
    const command = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub]! : undefined
    if (!command) throw new KubectlError(`unknown command ${JSON.stringify(sub)}\nSee 'kubectl set -h' for help and examples`)
    const foreign = [...ctx.flags.values.keys()].find((name) => ENV_FLAGS.some((f) => f.name === name) && !command.flags.some((f) => f.name === name))
    if (foreign) { ctx.err(`error: unknown flag: --${foreign}\nSee 'kubectl set ${sub} --help' for usage.\n`); return 1 }
    return printingErrors(ctx, () => command.run(ctx, args))
  },
}
