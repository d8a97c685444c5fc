// istioctl install / uninstall / verify-install / x precheck: putting Istio into the sim cluster and taking it out.
//
// Output follows Istio 1.26 (istio.io/latest/docs/setup/getting-started/ and real
// transcripts): the sail banner, `This will install the Istio 1.26.2 profile "demo"
// into the cluster. Proceed? (y/N)` unless -y, one `✔ <component> installed <emoji>`
// per component, `✔ Installation complete`, then `Made this installation the default
// for cluster-wide operations.` (printed when the default revision's webhook is created;
// the sim always installs the default revision). A refused prompt prints `Cancelled.`
// and exits 1. Install waits (on the session clock, at most INSTALL_WAIT_MS) for the
// component Deployments to be ready, as istioctl does before ticking a component.
// `--set` keys other than profile are accepted and ignored (recorded assumption).

import { profileByName, COMPONENT_EMOJI, type ComponentName, type Profile } from '../istio/profiles'
import { controlPlaneInstalled, installComponent, purgeIstio, removedLine } from '../istio/install'
import { componentObjects } from '../istio/install-objects'
import { ISTIO_NAMESPACE, ISTIO_VERSION } from '../istio/version'
import { bool, flagAll } from '../kubectl/commands/flags'
import { confirm, IstioctlError, type SubContext, type Subcommand } from './context'
import { readObjects, type FileObjects } from './file-input'
import { applyMeshConfig, meshConfigFromSets } from './mesh-config-overrides'
import { profileFromOperator } from './operator-file'

export const INSTALL_WAIT_MS = 5 * 60_000
const POLL_MS = 1000

const BANNER = `        |\\
        | \\
        |  \\
        |   \\
      /||    \\
     / ||     \\
    /  ||      \\
   /   ||       \\
  /    ||        \\
 /     ||         \\
/______||__________\\
____________________
  \\__       _____/
     \\_____/

`

const INSTALL_FLAGS = [
  { name: 'set', short: 's', value: true, repeat: true }, { name: 'skip-confirmation', short: 'y' },
  { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'revision', short: 'r', value: true },
  { name: 'verify' }, { name: 'dry-run' }, { name: 'readiness-timeout', value: true }, { name: 'force' },
]

export const installCommand: Subcommand = {
  path: ['install'],
  short: 'Applies an Istio manifest, installing or reconfiguring Istio on a cluster.',
  flags: INSTALL_FLAGS,
  async run(ctx) {
    if (ctx.args.length > 0) throw new IstioctlError(`unknown command "${ctx.args[0]}" for "istioctl install"`)
    const file = flagAll(ctx.flags, 'filename').at(-1)
    const operator = file ? readObjects(ctx, file) : undefined
    const profile = chosenProfile(ctx, operator)
    ctx.out(BANNER)
    if (!bool(ctx.flags, 'skip-confirmation')) {
      if (!confirm(ctx, `This will install the Istio ${ISTIO_VERSION} profile "${profile.name}" into the cluster. Proceed? (y/N)`)) {
        ctx.out('Cancelled.\n')
        return 1
      }
    }
    const meshConfig = { ...operatorMeshConfig(operator), ...meshConfigFromSets(flagAll(ctx.flags, 'set')) }
    for (const component of profile.components) {
      installComponent(ctx.env.store, component, profile)
      if (component === 'Istiod') applyMeshConfig(ctx.env.store, meshConfig)
      await waitReady(ctx, component, profile)
      ctx.out(`✔ ${component} installed ${COMPONENT_EMOJI[component]}\n`)
    }
    ctx.out('✔ Installation complete\nMade this installation the default for cluster-wide operations.\n')
    return 0
  },
}

/** The profile from -f (an IstioOperator) and/or --set profile=x; default when neither says. */
function chosenProfile(ctx: SubContext, operator: FileObjects | undefined): Profile {
  const setProfile = profileSetting(ctx)
  if (operator) return profileFromOperator(operator, setProfile)
  const name = setProfile ?? 'default'
  const profile = profileByName(name)
  if (!profile) throw new IstioctlError(`could not generate config: could not read profile ${name}: profile does not exist`)
  return profile
}

/** spec.meshConfig of the -f IstioOperator, if any. */
function operatorMeshConfig(operator: FileObjects | undefined): Record<string, unknown> {
  const iop = operator?.objects.map((o) => o.object as { kind?: string; spec?: { meshConfig?: Record<string, unknown> } }).find((o) => o?.kind === 'IstioOperator')
  return iop?.spec?.meshConfig ?? {}
}

/** `--set profile=demo`; meshConfig.* values go to the mesh config (mesh-config-overrides.ts); values.* are accepted and ignored. */
function profileSetting(ctx: SubContext): string | undefined {
  let profile: string | undefined
  for (const s of flagAll(ctx.flags, 'set')) {
    const eq = s.indexOf('=')
    if (eq < 0) throw new IstioctlError(`--set must have the format path=value, got: ${s}`)
    if (s.slice(0, eq) === 'profile') profile = s.slice(eq + 1)
  }
  return profile
}

/** Waits for the component's Deployments to report every replica ready (bounded). */
async function waitReady(ctx: SubContext, component: ComponentName, profile: Profile): Promise<void> {
  const names = componentObjects(component, profile).filter((o) => o.kind === 'Deployment').map((o) => String(o.metadata.name))
  for (let waited = 0; waited < INSTALL_WAIT_MS && !names.every((n) => deploymentReady(ctx, n)); waited += POLL_MS) {
    await ctx.shell.clock.sleep(POLL_MS, ctx.shell.signal)
  }
}

function deploymentReady(ctx: SubContext, name: string): boolean {
  const d = ctx.env.store.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: ISTIO_NAMESPACE, name })
  const want = (d?.spec as { replicas?: number } | undefined)?.replicas ?? 1
  return ((d?.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0) >= want
}

export const uninstallCommand: Subcommand = {
  path: ['uninstall'],
  short: 'Uninstall Istio from a cluster',
  flags: [{ name: 'purge' }, { name: 'skip-confirmation', short: 'y' }, { name: 'revision', short: 'r', value: true }, { name: 'filename', short: 'f', value: true }, { name: 'dry-run' }, { name: 'set', short: 's', value: true, repeat: true }],
  run(ctx) {
    if (!bool(ctx.flags, 'purge') && !ctx.flags.values.has('revision')) {
      throw new IstioctlError('at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set')
    }
    // Real transcripts: the warning always prints; -y follows it with a blank line instead of the question.
    ctx.out('All Istio resources will be pruned from the cluster\n')
    if (bool(ctx.flags, 'skip-confirmation')) ctx.out('\n')
    else if (!confirm(ctx, 'Proceed? (y/N)')) {
      ctx.out('Cancelled.\n')
      return 1
    }
    const removed = purgeIstio(ctx.env.store)
    if (removed.length === 0) ctx.out('No resources will be pruned from the cluster. Please double check the input configs\n')
    for (const obj of removed) ctx.out(removedLine(obj) + '\n')
    ctx.out('✔ Uninstall complete\n')
    return 0
  },
}

/**
 * verify-install: one `✔ <Kind>: <name>.<ns> checked successfully` per installed object, then the
 * counts (istioctl/pkg/verifier: `Checked N custom resource definitions`, `Checked N Istio Deployments`).
 * With nothing installed the verifier prints `! No Istio installation found` and fails with
 * `no Istio installation found`; the `0 Istio control planes detected` line is an assumption.
 */
export const verifyInstallCommand: Subcommand = {
  path: ['verify-install'],
  short: 'Verifies Istio Installation Status',
  flags: [{ name: 'revision', short: 'r', value: true }, { name: 'filename', short: 'f', value: true }],
  run(ctx) {
    const store = ctx.env.store
    if (!controlPlaneInstalled(store)) {
      ctx.out('0 Istio control planes detected, checking --revision "default" only\nChecked 0 custom resource definitions\nChecked 0 Istio Deployments\n! No Istio installation found\n')
      throw new IstioctlError('no Istio installation found')
    }
    ctx.out('1 Istio control planes detected, checking --revision "default" only\n')
    const names = new Set(store.list({ kind: 'CustomResourceDefinition' }).map((c) => c.metadata.name))
    const profile = profileByName(store.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: ISTIO_NAMESPACE, name: 'istio-egressgateway' }) ? 'demo' : 'default')!
    let deployments = 0
    for (const component of profile.components) {
      for (const obj of componentObjects(component, profile)) {
        const ns = obj.metadata.namespace
        const live = obj.kind === 'CustomResourceDefinition' ? names.has(String(obj.metadata.name)) : store.get({ kind: obj.kind, apiVersion: obj.apiVersion, name: String(obj.metadata.name), namespace: ns })
        if (!live || obj.kind === 'Namespace') continue
        // istioctl names every object `<name>.<istio namespace>`, cluster-scoped ones too ("ClusterRole: istiod-istio-system.istio-system").
        ctx.out(`✔ ${obj.kind}: ${obj.metadata.name}.${ns ?? ISTIO_NAMESPACE} checked successfully\n`)
        if (obj.kind === 'Deployment') deployments++
      }
    }
    ctx.out(`Checked ${names.size} custom resource definitions\nChecked ${deployments} Istio Deployments\n✔ Istio is installed and verified successfully\n`)
    return 0
  },
}

/** `istioctl x precheck` (istio.io/latest/docs/setup/install/istioctl/#check-before-install). */
export const precheckCommand: Subcommand = {
  path: ['x', 'precheck'],
  short: 'Check whether Istio can safely be installed or upgraded',
  flags: [{ name: 'revision', short: 'r', value: true }, { name: 'output', short: 'o', value: true }],
  run(ctx) {
    ctx.out('✔ No issues found when checking the cluster. Istio is safe to install or upgrade!\n  To get started, check out https://istio.io/latest/docs/setup/getting-started/\n')
    return 0
  },
}
