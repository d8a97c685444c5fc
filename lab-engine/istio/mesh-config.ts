// The two ConfigMaps istiod reads: `istio` (MeshConfig) and `istio-sidecar-injector` (the injection policy and template).
//
// Contents are a trimmed copy of what Istio 1.26's istio-discovery chart renders
// for the default revision; the sim's injector (injection.ts) reads nothing from
// them, they are here so `kubectl get cm -n istio-system` and `-o yaml` look real.

import type { ObjectInput, ObjectMeta } from '../cluster/types'
import { ISTIO_VERSION } from './version'

const MESH = `defaultConfig:
  discoveryAddress: istiod.istio-system.svc:15012
defaultProviders:
  metrics:
  - prometheus
enablePrometheusMerge: true
rootNamespace: istio-system
trustDomain: cluster.local`

const INJECTOR_CONFIG = `defaultTemplates: [sidecar]
policy: enabled
alwaysInjectSelector:
  []
neverInjectSelector:
  []
injectedAnnotations:
template: "{{ Template_Version_And_Istio_Version_Mismatched_Check_Installation }}"
templates:
  sidecar: |
    # the sidecar template (trimmed in the sim)
  gateway: |
    # the gateway template (trimmed in the sim)`

const INJECTOR_VALUES = JSON.stringify({
  global: { hub: 'docker.io/istio', tag: ISTIO_VERSION, istioNamespace: 'istio-system', proxy: { image: 'proxyv2', statusPort: 15020 } },
  revision: '',
  sidecarInjectorWebhook: { enableNamespacesByDefault: false, defaultTemplates: [], rewriteAppHTTPProbe: true },
}, null, 2)

/**
 * The `istio` ConfigMap for a profile. Istio's manifests/profiles/demo.yaml sets
 * meshConfig.accessLogFile: /dev/stdout, so demo installs log every request in the proxies.
 */
export function meshConfigMap(metadata: Partial<ObjectMeta>, profileName = 'default'): ObjectInput {
  const mesh = profileName === 'demo' ? `accessLogFile: /dev/stdout\n${MESH}` : MESH
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { mesh, meshNetworks: 'networks: {}' } }
}

export function sidecarInjectorConfigMap(metadata: Partial<ObjectMeta>): ObjectInput {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { config: INJECTOR_CONFIG, values: INJECTOR_VALUES } }
}
