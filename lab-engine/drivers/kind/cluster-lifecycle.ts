// Cluster lifecycle: create a warm cluster (kind + Istio demo profile + sample images), check its health, delete it.
//
// Istio getting started: `istioctl install --set profile=demo -y`; kind's
// quick start: `kind load docker-image` copies a host image into every node,
// so pods start without pulling (imagePullPolicy IfNotPresent).
import { runOk, type CommandRunner } from './command-runner'
import { createClusterArgv, deleteClusterArgv, istioInstallArgv, loadImageArgv, readyzArgv, type KindCluster } from './cluster-commands'
import type { KindConfig } from './kind-config'

/** Creates the cluster, installs Istio and loads the preload images; a partial cluster is left for the caller to delete. */
export async function warmCluster(runner: CommandRunner, c: KindCluster, cfg: KindConfig): Promise<void> {
  const t = cfg.timeouts
  await runOk(runner, createClusterArgv(c, cfg), { timeoutMs: t.createMs }, `create cluster ${c.name}`)
  await runOk(runner, istioInstallArgv(c), { timeoutMs: t.istioInstallMs }, `install Istio on ${c.name}`)
  for (const image of cfg.preloadImages) {
    await runOk(runner, loadImageArgv(c, image), { timeoutMs: t.loadImageMs }, `load ${image} into ${c.name} (is it pulled on the host?)`)
  }
}

/** The API server answers /readyz with `ok`. */
export async function isClusterHealthy(runner: CommandRunner, c: KindCluster, timeoutMs: number): Promise<boolean> {
  const r = await runner.run(readyzArgv(c), { timeoutMs })
  return r.exitCode === 0 && !r.timedOut && r.stdout.trim() === 'ok'
}

export async function deleteCluster(runner: CommandRunner, c: KindCluster, timeoutMs: number): Promise<void> {
  await runOk(runner, deleteClusterArgv(c), { timeoutMs }, `delete cluster ${c.name}`)
}
