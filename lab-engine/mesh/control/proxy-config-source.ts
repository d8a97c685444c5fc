// The mesh's ProxyConfigSource: `istioctl proxy-config listeners|routes|clusters|endpoints|all` over compiled config.
//
// istioctl reads the Envoy config dump and filters it client side; here the dump is
// the compiled ProxyConfig. Filters follow istioctl's flags: clusters --fqdn, --port,
// --subset, --direction (substring tests on the cluster name); listeners --address,
// --port, --type; routes --name; endpoints --address, --port, --cluster, --status.
// `-o json|yaml` prints the Envoy-like JSON; the default is the summary table. `all`
// prints the clusters, listeners and routes tables (istioctl's order) and endpoints;
// `secret` lists the SDS certificates (secrets-table.ts).

import { stringify as toYaml } from 'yaml'
import type { ObjectStore } from '../../cluster/store'
import type { ProxyConfigQuery, ProxyConfigSource } from '../../istioctl/proxy-config-source'
import { compileMesh } from './compile'
import { clusterJson, endpointStatusJson, listenerJson, routeConfigJson } from './config-json'
import { clustersTable, endpointsTable, filteredClusters, filteredEndpoints, filteredListeners, listenersTable, orderedRouteConfigs, routesTable, type ClusterFilter, type EndpointFilter, type EndpointStatus, type ListenerFilter } from './config-tables'
import { describeRoutes } from './describe-routes'
import { secretRows, secretsJson, secretsTable } from './secrets-table'
import type { LbEndpoint, ProxyConfig } from './types'

type Flags = ReadonlyMap<string, string[]>

function flag(flags: Flags, name: string): string | undefined {
  const v = flags.get(name)
  return v && v.length > 0 ? v[v.length - 1] : undefined
}

function portFlag(flags: Flags): number | undefined {
  const raw = flag(flags, 'port')
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new Error(`invalid argument "${raw}" for "--port" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`)
  return n
}

function output(flags: Flags): 'short' | 'json' | 'yaml' {
  const o = flag(flags, 'output') ?? 'short'
  if (o === 'short' || o === 'json' || o === 'yaml') return o
  throw new Error(`output format "${o}" not supported`)
}

/**
 * istioctl prints json.MarshalIndent(..., "", "    ") and, for yaml, that JSON through
 * sigs.k8s.io/yaml's JSONToYAML: keys sorted, sequences not indented under their key.
 */
function dump(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'yaml' ? toYaml(value, { sortMapEntries: true, indentSeq: false, lineWidth: 0 }) : JSON.stringify(value, null, 4) + '\n'
}

export interface ProxyConfigSourceOptions {
  /** The data plane's live endpoint state for one proxy (outlier ejections, health), if it keeps any. */
  endpointStatus?(proxy: { namespace: string; pod: string }): EndpointStatus | undefined
  /** The session clock, for certificate validity in `proxy-config secret` (absent: certificates are as issued at pod start). */
  now?(): number
}

export function createProxyConfigSource(store: ObjectStore, opts: ProxyConfigSourceOptions = {}): ProxyConfigSource {
  return {
    proxyConfig(q: ProxyConfigQuery): string {
      const cfg = compileMesh(store).forPod(q.namespace, q.pod)
      if (!cfg) throw new Error(`failed to execute command on sidecar: error execing into ${q.pod}/${q.namespace} istio-proxy container: proxy is not ready`)
      if (q.kind === 'secret') {
        const rows = secretRows(store, cfg, opts.now?.() ?? 0)
        const format = output(q.flags)
        return format === 'short' ? secretsTable(rows) : dump(secretsJson(rows), format)
      }
      return render(cfg, q, opts.endpointStatus?.({ namespace: q.namespace, pod: q.pod }))
    },
    describeRoutes: (pod, namespace) => describeRoutes(store, pod, namespace),
  }
}

function render(cfg: ProxyConfig, q: ProxyConfigQuery, status: EndpointStatus | undefined): string {
  const format = output(q.flags)
  const cf: ClusterFilter = { fqdn: flag(q.flags, 'fqdn'), port: portFlag(q.flags), subset: flag(q.flags, 'subset'), direction: flag(q.flags, 'direction') }
  const lf: ListenerFilter = { address: flag(q.flags, 'address'), port: portFlag(q.flags), type: flag(q.flags, 'type') }
  const ef: EndpointFilter = { address: flag(q.flags, 'address'), port: portFlag(q.flags), cluster: flag(q.flags, 'cluster'), status: flag(q.flags, 'status') }
  const name = flag(q.flags, 'name')
  switch (q.kind) {
    case 'clusters': return format === 'short' ? clustersTable(cfg, cf) : dump(filteredClusters(cfg, cf).map(clusterJson), format)
    case 'listeners': return format === 'short' ? listenersTable(cfg, lf) : dump(filteredListeners(cfg, lf).map((l) => listenerJson(l, cfg.routes)), format)
    case 'routes': return format === 'short' ? routesTable(cfg, name) : dump(orderedRouteConfigs(cfg, name).map(routeConfigJson), format)
    case 'endpoints': return format === 'short' ? endpointsTable(cfg, ef, status) : dump(endpointsJson(cfg, ef), format)
    case 'all': return format === 'short' ? allTables(cfg, status) : dump(allJson(cfg), format)
    default: throw new Error(`proxy-config ${q.kind} is not available in this simulation`)
  }
}

function endpointsJson(cfg: ProxyConfig, f: EndpointFilter): unknown[] {
  const byCluster = new Map<string, LbEndpoint[]>()
  for (const { cluster, endpoint } of filteredEndpoints(cfg, f)) byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), endpoint])
  return [...byCluster].map(([c, eps]) => endpointStatusJson(c, eps))
}

function allTables(cfg: ProxyConfig, status: EndpointStatus | undefined): string {
  return [clustersTable(cfg, {}), listenersTable(cfg, {}), routesTable(cfg), endpointsTable(cfg, {}, status)].join('\n')
}

function allJson(cfg: ProxyConfig): unknown {
  return {
    configs: [
      { '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', dynamicActiveClusters: [...cfg.clusters.values()].map((c) => ({ cluster: clusterJson(c) })) },
      { '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump', dynamicListeners: cfg.listeners.map((l) => ({ name: l.name, activeState: { listener: listenerJson(l, cfg.routes) } })) },
      { '@type': 'type.googleapis.com/envoy.admin.v3.RoutesConfigDump', dynamicRouteConfigs: orderedRouteConfigs(cfg).map((r) => ({ routeConfig: routeConfigJson(r) })) },
    ],
  }
}
