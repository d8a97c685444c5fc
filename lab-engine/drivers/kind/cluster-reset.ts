// Cluster reset: takes a used cluster back to "fresh kind + Istio demo profile" for the next session.
//
// What a learner can change and this undoes: namespaces they created, every
// Istio config object, workloads and config in `default`, its injection
// labels, telemetry addons in istio-system, and the mesh install itself
// (`istioctl install` again restores the demo profile's settings). What it
// cannot undo (cluster-scoped objects such as CRDs or webhooks a learner
// added) is why KIND_RELEASE_MODE=delete exists.
import { runOk, type CommandRunner } from './command-runner'
import { istioInstallArgv, kubectlArgv, type KindCluster } from './cluster-commands'
import type { KindTimeouts } from './kind-config'

/** Namespaces a fresh kind cluster with Istio has; every other one is the learner's. */
export const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage', 'istio-system'])

/** Istio's config kinds (networking, security, telemetry, extensions). */
export const ISTIO_CONFIG_RESOURCES = [
  'virtualservices.networking.istio.io',
  'destinationrules.networking.istio.io',
  'gateways.networking.istio.io',
  'serviceentries.networking.istio.io',
  'sidecars.networking.istio.io',
  'envoyfilters.networking.istio.io',
  'workloadentries.networking.istio.io',
  'workloadgroups.networking.istio.io',
  'peerauthentications.security.istio.io',
  'authorizationpolicies.security.istio.io',
  'requestauthentications.security.istio.io',
  'telemetries.telemetry.istio.io',
  'wasmplugins.extensions.istio.io',
]

const DEFAULT_NS_WORKLOADS = 'deployments,statefulsets,daemonsets,replicasets,jobs,cronjobs,pods,secrets,persistentvolumeclaims,horizontalpodautoscalers,networkpolicies'

/** Objects in `default` that Kubernetes itself keeps, by kind. */
const DEFAULT_NS_KEEP: readonly (readonly [string, string])[] = [
  ['services', 'kubernetes'],
  ['configmaps', 'kube-root-ca.crt'],
  ['serviceaccounts', 'default'],
]

/** The addons from content/samples/addons: every object there carries `app: <addon>`. */
const ADDON_SELECTOR = 'app in (prometheus,grafana,kiali,jaeger)'

export function learnerNamespaces(namespaceList: string): string[] {
  const list = JSON.parse(namespaceList) as { items?: { metadata?: { name?: string } }[] }
  return (list.items ?? []).map((i) => i.metadata?.name ?? '').filter((n) => n && !SYSTEM_NAMESPACES.has(n))
}

/** Every command a reset runs once the learner namespaces are known, in order. */
export function resetArgvs(c: KindCluster, namespaces: readonly string[], t: KindTimeouts): string[][] {
  const wait = `--timeout=${Math.ceil(t.deleteMs / 1000)}s`
  const k = (...a: string[]) => kubectlArgv(c, ...a)
  return [
    ...(namespaces.length ? [k('delete', 'namespace', ...namespaces, '--ignore-not-found', wait)] : []),
    k('delete', ISTIO_CONFIG_RESOURCES.join(','), '--all', '--all-namespaces', '--ignore-not-found', wait),
    k('delete', DEFAULT_NS_WORKLOADS, '--all', '-n', 'default', '--ignore-not-found', wait),
    ...DEFAULT_NS_KEEP.map(([kind, keep]) => k('delete', kind, '-n', 'default', '--field-selector', `metadata.name!=${keep}`, '--ignore-not-found', wait)),
    k('label', 'namespace', 'default', 'istio-injection-', 'istio.io/rev-'),
    k('delete', 'deployments,services,configmaps,serviceaccounts', '-n', 'istio-system', '-l', ADDON_SELECTOR, '--ignore-not-found', wait),
    istioInstallArgv(c),
  ]
}

/** Runs the reset; throws a DriverError on the first failing step (the pool then deletes the cluster instead). */
export async function resetCluster(runner: CommandRunner, c: KindCluster, t: KindTimeouts): Promise<void> {
  const list = await runOk(runner, kubectlArgv(c, 'get', 'namespaces', '-o', 'json'), { timeoutMs: t.commandMs }, `reset ${c.name}`)
  for (const argv of resetArgvs(c, learnerNamespaces(list), t)) {
    const timeoutMs = argv[0] === 'istioctl' ? t.istioInstallMs : t.deleteMs
    await runOk(runner, argv, { timeoutMs }, `reset ${c.name}`)
  }
}
