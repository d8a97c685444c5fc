// The mesh control plane's public surface: compile the store into per-proxy config, look it up as Envoy would, print it as istioctl does.
//
// The data plane (mesh/data) should need only these: compileMesh(store).forPod(ns, pod)
// for a proxy's ProxyConfig, the lookup helpers to pick listener, filter chain and
// virtual host, and the types. The security compile step fills ProxyConfig.security.

export { compileMesh, type MeshConfigSnapshot } from './compile'
export { inboundListener, outboundListener, selectFilterChain, selectVirtualHost, type ConnectionFacts } from './lookup'
export { createProxyConfigSource, type ProxyConfigSourceOptions } from './proxy-config-source'
export type { EndpointStatus } from './config-tables'
export type { MeshSettings } from './mesh-settings'
export type { MeshService, ServiceInstance, ServicePort } from './registry'
export { outboundClusterName } from './clusters'
export type * from './types'
