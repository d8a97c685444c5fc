// istioctl version: client, control plane and data plane versions.
//
// Shapes from istio.io/latest/docs/setup/getting-started/ and real transcripts:
//   Istio is not present in the cluster: no running Istio pods in namespace "istio-system"
//   client version: 1.26.2
// and once installed:
//   client version: 1.26.2
//   control plane version: 1.26.2
//   data plane version: 1.26.2 (3 proxies)
// and, with a control plane but no proxy yet (minimal profile), `data plane version: none`.
// `--remote=false` / `--short` print only the client version.

import type { ObjectStore } from '../cluster/store'
import type { KubeObject } from '../cluster/types'
import { ISTIO_NAMESPACE, ISTIO_VERSION } from '../istio/version'
import { bool, flag } from '../kubectl/commands/flags'
import type { Subcommand } from './context'

/** Running pods with an istio-proxy container: injected workloads and gateways. */
export function runningProxies(store: ObjectStore): KubeObject[] {
  return store.list({ kind: 'Pod' }).filter((p) => hasProxy(p) && (p.status as { phase?: string } | undefined)?.phase === 'Running')
}

export function hasProxy(pod: KubeObject): boolean {
  const containers: unknown = (pod.spec as { containers?: unknown } | undefined)?.containers
  return Array.isArray(containers) && containers.some((c) => (c as { name?: unknown })?.name === 'istio-proxy')
}

function istiodRunning(store: ObjectStore): boolean {
  return store.list({ kind: 'Pod', namespace: ISTIO_NAMESPACE, labelSelector: 'app=istiod' })
    .some((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running')
}

export const versionCommand: Subcommand = {
  path: ['version'],
  short: 'Prints out build version information',
  flags: [{ name: 'remote', value: true }, { name: 'short', short: 's' }, { name: 'output', short: 'o', value: true }, { name: 'revision', short: 'r', value: true }],
  run(ctx) {
    const remote = flag(ctx.flags, 'remote') !== 'false' && !bool(ctx.flags, 'short')
    if (!remote) { ctx.out(`client version: ${ISTIO_VERSION}\n`); return 0 }
    const store = ctx.env.store
    if (!istiodRunning(store)) {
      ctx.out(`Istio is not present in the cluster: no running Istio pods in namespace "${ISTIO_NAMESPACE}"\nclient version: ${ISTIO_VERSION}\n`)
      return 0
    }
    const proxies = runningProxies(store).length
    ctx.out(`client version: ${ISTIO_VERSION}\ncontrol plane version: ${ISTIO_VERSION}\n`)
    ctx.out(`data plane version: ${proxies > 0 ? `${ISTIO_VERSION} (${proxies} proxies)` : 'none'}\n`)
    return 0
  },
}
