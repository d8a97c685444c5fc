// Cluster commands: the exact argv the pool runs against kind, istioctl and kubectl for one cluster.
//
// Each cluster has its own kubeconfig file under the state directory
// (`kind create cluster --kubeconfig`), so parallel creates never fight over
// ~/.kube/config's lock and the operator's own contexts stay untouched.
import type { KindConfig } from './kind-config'

export interface KindCluster {
  /** kind's cluster name: `<prefix>-<n>`. */
  readonly name: string
  /** Host path of this cluster's kubeconfig. */
  readonly kubeconfig: string
  /** kind names the context `kind-<name>`. */
  readonly context: string
}

/** kind's message on stderr when there are none; stdout stays empty. */
const NO_CLUSTERS_LINE = 'No kind clusters found.'

export function kindCluster(name: string, stateDir: string): KindCluster {
  return { name, kubeconfig: `${stateDir}/${name}.kubeconfig`, context: `kind-${name}` }
}

/** `<prefix>-<n>` for pool clusters; anything else on the host is not ours. */
export function poolClusterName(prefix: string, n: number): string {
  return `${prefix}-${n}`
}

/** The number in one of our cluster names, or undefined when the name is not ours. */
export function poolClusterNumber(prefix: string, name: string): number | undefined {
  if (!name.startsWith(prefix + '-')) return undefined
  const rest = name.slice(prefix.length + 1)
  return /^\d+$/.test(rest) ? Number(rest) : undefined
}

/** kubectl against one cluster from the host. */
export function kubectlArgv(c: KindCluster, ...args: string[]): string[] {
  return ['kubectl', '--kubeconfig', c.kubeconfig, '--context', c.context, ...args]
}

export function createClusterArgv(c: KindCluster, cfg: Pick<KindConfig, 'nodeImage' | 'timeouts'>): string[] {
  const wait = `${Math.ceil(cfg.timeouts.createWaitMs / 1000)}s`
  return ['kind', 'create', 'cluster', '--name', c.name, '--image', cfg.nodeImage, '--kubeconfig', c.kubeconfig, '--wait', wait]
}

export function deleteClusterArgv(c: KindCluster): string[] {
  return ['kind', 'delete', 'cluster', '--name', c.name, '--kubeconfig', c.kubeconfig]
}

export const GET_CLUSTERS_ARGV: readonly string[] = ['kind', 'get', 'clusters']

/** Istio's getting-started install: the demo profile, no prompt. */
export function istioInstallArgv(c: KindCluster): string[] {
  return ['istioctl', 'install', '--kubeconfig', c.kubeconfig, '--context', c.context, '--set', 'profile=demo', '-y']
}

export function loadImageArgv(c: KindCluster, image: string): string[] {
  return ['kind', 'load', 'docker-image', image, '--name', c.name]
}

/** The API server's readiness endpoint: prints `ok` when healthy. */
export function readyzArgv(c: KindCluster): string[] {
  return kubectlArgv(c, 'get', '--raw', '/readyz')
}

/** The kubeconfig that works from inside the `kind` network (server https://<name>-control-plane:6443). */
export function internalKubeconfigArgv(c: KindCluster): string[] {
  return ['kind', 'get', 'kubeconfig', '--name', c.name, '--internal']
}

/** Names from `kind get clusters` (one per line). */
export function parseClusterNames(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l !== NO_CLUSTERS_LINE)
}
