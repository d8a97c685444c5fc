// istioctl Tab completion: subcommands word by word, flags, namespaces, profiles and pod names.
//
// Follows what `source <(istioctl completion bash)` offers (cobra's __complete): the next word of
// a subcommand path (`proxy-config <Tab>` lists clusters, endpoints, ...), the subcommand's flags
// after `-`, namespaces after -n/--namespace, pod names for the commands that take a pod
// (istioctl's ValidPodsNameArgs, in the -n namespace or "default"), and `-f` falls back to paths.
import type { ObjectStore } from '../cluster/store'
import type { ArgumentCompleter } from '../shell/registry'
import { GLOBAL_FLAGS, type FlagDef } from '../kubectl/commands/flags'
import { ROOT_FLAGS, type Subcommand } from './context'
import { PROFILES } from '../istio/profiles'

/** Subcommands whose positional argument is a pod. */
const POD_COMMANDS = new Set(['proxy-config', 'x describe pod', 'proxy-status'])
/** `--set` values learners type most; the rest of the IstioOperator paths are free text. */
const SET_VALUES = ['profile=', 'meshConfig.accessLogFile=/dev/stdout', 'meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY', 'meshConfig.outboundTrafficPolicy.mode=ALLOW_ANY']

export function createIstioctlCompleter(store: ObjectStore, subcommands: readonly Subcommand[]): ArgumentCompleter {
  return (words, word) => {
    const args = words.slice(1)
    const flags = [...GLOBAL_FLAGS, ...ROOT_FLAGS]
    const path = positional(args, [...flags, ...subcommands.flatMap((s) => s.flags)])
    const exact = subcommands.filter((s) => s.path.length <= path.length && s.path.every((p, i) => p === path[i]))
      .sort((a, b) => b.path.length - a.path.length)[0]
    const previous = args.at(-1)
    const valueOf = findFlag([...flags, ...(exact?.flags ?? [])], previous)
    if (valueOf?.value) return flagValues(store, valueOf, word)
    if (word.startsWith('-')) return [...(exact?.flags ?? []), ...flags].map((f) => `--${f.name}`).sort()
    const setKey = previous?.endsWith('=') && ['--set', '-s'].includes(args.at(-2) ?? '') ? previous.slice(0, -1) : undefined
    if (setKey !== undefined) return setKey === 'profile' ? PROFILES.map((p) => p.name) : []
    const next = subcommands.filter((s) => !s.hiddenAlias && s.path.length > path.length && path.every((p, i) => s.path[i] === p)).map((s) => s.path[path.length]!)
    if (next.length) return [...new Set(next)].sort()
    if (exact && POD_COMMANDS.has(exact.path.slice(0, exact.path[0] === 'proxy-config' ? 1 : 3).join(' '))) return podNames(store, namespaceOf(args))
    return []
  }
}

/** The positional words typed so far (flags and their values skipped). */
function positional(args: readonly string[], flags: readonly FlagDef[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith('-')) { if (findFlag(flags, args[i])?.value && !args[i]!.includes('=')) i++; continue }
    out.push(args[i] === 'experimental' ? 'x' : args[i]!)
  }
  return out
}

function findFlag(flags: readonly FlagDef[], word: string | undefined): FlagDef | undefined {
  if (!word?.startsWith('-') || word.includes('=')) return undefined
  return flags.find((f) => word === `--${f.name}` || (f.short !== undefined && word === `-${f.short}`))
}

function flagValues(store: ObjectStore, flag: FlagDef, word: string): string[] | null {
  if (flag.name === 'namespace' || flag.name === 'istioNamespace') return store.list({ kind: 'Namespace' }).map((n) => n.metadata.name).sort()
  if (flag.name === 'set') return SET_VALUES
  if (flag.name === 'filename') return null
  return []
}

function namespaceOf(args: readonly string[]): string {
  const i = args.findIndex((a) => a === '-n' || a === '--namespace')
  if (i >= 0 && args[i + 1]) return args[i + 1]!
  return args.find((a) => a.startsWith('--namespace='))?.slice('--namespace='.length) ?? 'default'
}

function podNames(store: ObjectStore, namespace: string): string[] {
  return store.list({ kind: 'Pod', namespace }).map((p) => p.metadata.name).sort()
}
