// istioctl: one shell command dispatching to subcommand families, each in its own file.
//
// istioctl is a cobra program (istio/istio istioctl/cmd/root.go) with SilenceUsage:
// an unknown subcommand is `Error: unknown command "x" for "istioctl"` plus
// `Run 'istioctl --help' for usage.`; a bad flag is `Error: unknown flag: --x`;
// both exit 1. Subcommands are matched on the positional words before their own
// arguments, longest path first (`x describe pod` before `x`).

import type { CommandSpec } from '../shell/registry'
import { FlagError, GLOBAL_FLAGS, parseFlags, type FlagDef } from '../kubectl/commands/flags'
import { analyzeCommand } from './analyze'
import { IstioctlError, makeSubContext, ROOT_FLAGS, type IstioctlEnv, type Subcommand } from './context'
import { dashboardCommands, dashboardUsageCommand } from './dashboard'
import { installCommand, precheckCommand, uninstallCommand, verifyInstallCommand } from './install'
import { kubeInjectCommand } from './kube-inject'
import { profileCommands } from './profile'
import { describePodCommand, proxyConfigCommands, proxyConfigUsageCommand, proxyStatusCommand } from './proxy'
import { versionCommand } from './version'

export type { IstioctlEnv } from './context'
export type { ProxyConfigSource, ProxyConfigQuery, ProxyConfigKind } from './proxy-config-source'

export const SUBCOMMANDS: readonly Subcommand[] = [
  installCommand, uninstallCommand, verifyInstallCommand, precheckCommand, versionCommand, kubeInjectCommand, analyzeCommand,
  proxyStatusCommand, ...proxyConfigCommands, proxyConfigUsageCommand, describePodCommand, ...dashboardCommands, dashboardUsageCommand,
  ...profileCommands,
]

/** At most this many words are looked at to find the subcommand path. */
const MAX_PATH_WORDS = 3

const USAGE = `Istio configuration command line utility for service operators to
debug and diagnose their Istio mesh.

Usage:
  istioctl [command]

Available Commands:
  analyze                Analyze Istio configuration and print validation messages
  dashboard              Access to Istio web UIs
  experimental           Experimental commands that may be modified or deprecated
  install                Applies an Istio manifest, installing or reconfiguring Istio on a cluster.
  kube-inject            Inject Istio sidecar into Kubernetes pod resources
  profile                Commands related to Istio configuration profiles
  proxy-config           Retrieve information about proxy configuration from Envoy [kube only]
  proxy-status           Retrieves the synchronization status of each Envoy in the mesh
  uninstall              Uninstall Istio from a cluster
  verify-install         Verifies Istio Installation Status
  version                Prints out build version information

Flags:
      --context string          Kubernetes configuration context
  -h, --help                    help for istioctl
  -i, --istioNamespace string   Istio system namespace (default "istio-system")
  -c, --kubeconfig string       Kubernetes configuration file
  -n, --namespace string        Kubernetes namespace

Use "istioctl [command] --help" for more information about a command.
`

const VALUE_FLAGS = new Set(
  [...GLOBAL_FLAGS, ...ROOT_FLAGS, ...SUBCOMMANDS.flatMap((s) => s.flags)].filter((f: FlagDef) => f.value)
    .flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]),
)

/** Indices of the positional words (not flags or flag values), as far as the first MAX_PATH_WORDS. */
function positionalIndices(argv: readonly string[]): number[] {
  const out: number[] = []
  for (let i = 0; i < argv.length && out.length < MAX_PATH_WORDS; i++) {
    const a = argv[i]!
    if (a === '--') break
    if (a.startsWith('-')) { if (VALUE_FLAGS.has(a)) i++; continue }
    out.push(i)
  }
  return out
}

function matches(cmd: Subcommand, words: readonly string[]): boolean {
  if (words.length < cmd.path.length) return false
  return cmd.path.every((p, i) => words[i] === p || (i === 0 && (cmd.aliases ?? []).includes(words[0]!)) || (p === 'x' && words[i] === 'experimental'))
}

function findSubcommand(argv: readonly string[]): { cmd: Subcommand; rest: string[] } | undefined {
  const at = positionalIndices(argv)
  const words = at.map((i) => argv[i]!)
  const cmd = [...SUBCOMMANDS].sort((a, b) => b.path.length - a.path.length).find((c) => matches(c, words))
  if (!cmd) return undefined
  const used = new Set(at.slice(0, cmd.path.length))
  return { cmd, rest: argv.filter((_, i) => !used.has(i)) }
}

export function createIstioctlCommand(env: IstioctlEnv): CommandSpec {
  return {
    name: 'istioctl',
    async run(shell) {
      const argv = shell.argv.slice(1)
      const first = positionalIndices(argv)[0]
      if (first === undefined) {
        return flagOnly(shell, argv.filter((a) => a !== '-h' && a !== '--help'))
      }
      const found = findSubcommand(argv)
      if (!found) {
        shell.stderr.write(`Error: unknown command "${argv[first]}" for "istioctl"\nRun 'istioctl --help' for usage.\n`)
        return 1
      }
      if (found.rest.some((a) => a === '-h' || a === '--help')) {
        shell.stdout.write(helpText(found.cmd))
        return 0
      }
      try {
        const ctx = makeSubContext(env, shell, found.rest, found.cmd.flags)
        return await found.cmd.run(ctx)
      } catch (e) {
        if (e instanceof FlagError || e instanceof IstioctlError || isReportable(e)) {
          shell.stderr.write(`Error: ${(e as Error).message}\n`)
          return e instanceof IstioctlError ? e.exitCode : 1
        }
        throw e
      }
    },
  }
}

/** `istioctl --bogus`: cobra reports the flag on the root command; known root flags alone print the usage. */
function flagOnly(shell: Parameters<CommandSpec['run']>[0], argv: readonly string[]): number {
  try {
    parseFlags(argv, ROOT_FLAGS)
  } catch (e) {
    if (!(e instanceof FlagError)) throw e
    shell.stderr.write(`Error: ${e.message}\n`)
    return 1
  }
  shell.stdout.write(USAGE)
  return 0
}

/** A subcommand's `--help`: its description, usage line, aliases and flags (descriptions of flags left out). */
function helpText(cmd: Subcommand): string {
  const path = cmd.path.join(' ')
  const aliases = cmd.aliases?.length ? `\nAliases:\n  ${[cmd.path[0], ...cmd.aliases].join(', ')}\n` : ''
  const flags = cmd.flags.map((f) => `  ${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.value ? ' string' : ''}`).join('\n')
  return `${cmd.short ?? ''}\n\nUsage:\n  istioctl ${path} [flags]\n${aliases}\nFlags:\n${flags}\n  -h, --help\n`
}

function isReportable(e: unknown): boolean {
  const name = (e as Error)?.name
  return name === 'ApiError' || name === 'LabelSelectorError'
}
