// ProxyConfigSource: where `istioctl proxy-config` and `x describe` get an Envoy's config; the mesh model implements it.
//
// istioctl itself reads /config_dump through istiod or the pod's admin port.
// The sim's istioctl does the argument parsing, pod lookup and errors; the tables
// (listeners, routes, clusters, endpoints) come from a source the session
// registers. Without one, every pod answers like an unreachable proxy.

export type ProxyConfigKind = 'listeners' | 'routes' | 'clusters' | 'endpoints' | 'all' | 'bootstrap' | 'secret'

export interface ProxyConfigQuery {
  kind: ProxyConfigKind
  pod: string
  namespace: string
  /** The command's own flags (--port, --fqdn, -o ...), by long name, for the source to honour. */
  flags: ReadonlyMap<string, string[]>
}

export interface ProxyConfigSource {
  /** The text istioctl prints (a table, JSON or YAML); throw Error(message) to print `Error: message`. */
  proxyConfig(query: ProxyConfigQuery): string
  /** The route lines of `istioctl x describe pod` (VirtualService / DestinationRule matches), if any. */
  describeRoutes?(pod: string, namespace: string): string
}
