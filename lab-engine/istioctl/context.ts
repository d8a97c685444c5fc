// What an istioctl subcommand runs against: the session's store, the shell's I/O, parsed flags, and cobra-style errors.
//
// istioctl is a cobra program with SilenceUsage: errors print as `Error: <message>`
// on stderr and exit 1 (analyze uses 79 for "issues found", see analyze.ts).

import type { Clock } from '../core/clock'
import type { UiChannel } from '../core/ui-channel'
import type { ObjectStore } from '../cluster/store'
import { parseFlags, type FlagDef, type ParsedFlags } from '../kubectl/commands/flags'
import type { CommandContext } from '../shell/registry'
import type { ProxyConfigSource } from './proxy-config-source'

export interface IstioctlEnv {
  store: ObjectStore
  clock: Clock
  /** The learner's browser, for `istioctl dashboard`; absent headless. */
  ui?: UiChannel
  /** Envoy config of the sim's proxies, provided by the mesh model; absent until it exists. */
  proxyConfig?: ProxyConfigSource
}

export interface SubContext {
  env: IstioctlEnv
  shell: CommandContext
  flags: ParsedFlags
  /** Positional arguments after the subcommand path. */
  args: string[]
  /** -n/--namespace, else "default". */
  namespace: string
  namespaceSet: boolean
  out(text: string): void
  err(text: string): void
}

export interface Subcommand {
  /** The path after `istioctl`, e.g. ["proxy-config"] or ["x", "precheck"]. */
  path: readonly string[]
  aliases?: readonly string[]
  /** An alias spelled as its own path (`proxy-config c`): runs, but Tab completion leaves it out. */
  hiddenAlias?: boolean
  /** The one-line description `--help` prints. */
  short?: string
  flags: readonly FlagDef[]
  run(ctx: SubContext): number | Promise<number>
}

/** Thrown to print `Error: message` and exit 1 (or the given code). */
export class IstioctlError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message)
  }
}

/** Flags every istioctl command accepts (its persistent root flags we model). */
export const ROOT_FLAGS: readonly FlagDef[] = [
  { name: 'istioNamespace', short: 'i', value: true },
  { name: 'kubeconfig', short: 'c', value: true },
  { name: 'context', value: true },
  { name: 'vklog', value: true },
]

export function makeSubContext(env: IstioctlEnv, shell: CommandContext, argv: readonly string[], defs: readonly FlagDef[]): SubContext {
  const flags = parseFlags(argv, [...ROOT_FLAGS, ...defs])
  const ns = flags.values.get('namespace')?.at(-1)
  return {
    env, shell, flags, args: flags.args,
    namespace: ns || 'default',
    namespaceSet: ns !== undefined,
    out: (t) => shell.stdout.write(t),
    err: (t) => shell.stderr.write(t),
  }
}

/** Real istioctl's confirmation: prints the prompt, reads one line; only y/yes (any case) proceeds. */
export function confirm(ctx: SubContext, prompt: string): boolean {
  ctx.out(`${prompt} `)
  const answer = ctx.shell.stdin.split('\n')[0]!.trim().toLowerCase()
  if (ctx.shell.stdin === '') ctx.out('\n')
  return answer === 'y' || answer === 'yes'
}
