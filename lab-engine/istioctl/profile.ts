// istioctl profile list: the configuration profiles istioctl ships, as istio's operator/cmd/mesh/profile-list.go prints them.
//
// profile-list.go: `Istio configuration profiles:` then each profile name, sorted,
// indented four spaces (cobra.ExactArgs(0)). The names are the files under
// manifests/profiles of the release (Istio 1.23 onward lists these ten); the sim
// installs default, demo and minimal (istio/profiles.ts). `profile dump` and
// `profile diff` print the merged IstioOperator values of a release, which the sim
// does not carry, so they say so instead of printing something unverified.

import { IstioctlError, type Subcommand } from './context'

/** manifests/profiles/*.yaml of the release, as `istioctl profile list` sorts them. */
export const RELEASE_PROFILES: readonly string[] = [
  'ambient', 'default', 'demo', 'empty', 'minimal', 'openshift', 'openshift-ambient', 'preview', 'remote', 'stable',
]

const PROFILE_USAGE = `The profile subcommand lists, dumps or diffs Istio configuration profiles.

Usage:
  istioctl profile [command]

Examples:
istioctl profile list
istioctl install --set profile=demo  # Use a profile from the list

Available Commands:
  diff        Diffs two Istio configuration profiles
  dump        Dumps an Istio configuration profile
  list        Lists available Istio configuration profiles
`

export const profileUsageCommand: Subcommand = {
  path: ['profile'],
  short: 'Commands related to Istio configuration profiles',
  flags: [],
  run(ctx) {
    if (ctx.args.length > 0) throw new IstioctlError(`unknown command "${ctx.args[0]}" for "istioctl profile"`)
    ctx.out(PROFILE_USAGE)
    return 0
  },
}

export const profileListCommand: Subcommand = {
  path: ['profile', 'list'],
  short: 'Lists available Istio configuration profiles',
  flags: [{ name: 'manifests', short: 'd', value: true }],
  run(ctx) {
    if (ctx.args.length > 0) throw new IstioctlError(`accepts 0 arg(s), received ${ctx.args.length}`)
    ctx.out(`Istio configuration profiles:\n${RELEASE_PROFILES.map((p) => `    ${p}\n`).join('')}`)
    return 0
  },
}

function unmodelled(verb: 'dump' | 'diff', short: string): Subcommand {
  return {
    path: ['profile', verb],
    short,
    flags: [{ name: 'filename', short: 'f', value: true, repeat: true }, { name: 'config-path', short: 'p', value: true }, { name: 'output', short: 'o', value: true }, { name: 'manifests', short: 'd', value: true }],
    run() {
      throw new IstioctlError(`profile ${verb} is not supported in this simulator (istioctl profile list names the profiles; istio.io/latest/docs/setup/additional-setup/config-profiles/ shows what each installs)`)
    },
  }
}

export const profileCommands: readonly Subcommand[] = [
  profileUsageCommand, profileListCommand,
  unmodelled('dump', 'Dumps an Istio configuration profile'), unmodelled('diff', 'Diffs two Istio configuration profiles'),
]
