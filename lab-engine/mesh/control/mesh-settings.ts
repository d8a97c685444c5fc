// Mesh-wide settings istiod reads from the `istio` ConfigMap (MeshConfig) that shape every proxy's config.
//
// Istio reference "Global Mesh Options" (istio.io/latest/docs/reference/config/istio.mesh.v1alpha1/):
// outboundTrafficPolicy.mode defaults to ALLOW_ANY; rootNamespace to istio-system;
// defaultServiceExportTo / defaultVirtualServiceExportTo / defaultDestinationRuleExportTo
// to ["*"]; enableAutoMtls to true. A ConfigMap that is absent or unreadable gives the defaults.

import { parse as parseYaml } from 'yaml'
import type { ObjectStore } from '../../cluster/store'
import { ISTIO_NAMESPACE } from '../../istio/version'
import type { OutboundTrafficPolicyMode } from './types'

export interface MeshSettings {
  rootNamespace: string
  outboundTrafficPolicy: OutboundTrafficPolicyMode
  defaultServiceExportTo: string[]
  defaultVirtualServiceExportTo: string[]
  defaultDestinationRuleExportTo: string[]
  enableAutoMtls: boolean
}

export const DEFAULT_MESH_SETTINGS: MeshSettings = {
  rootNamespace: ISTIO_NAMESPACE,
  outboundTrafficPolicy: 'ALLOW_ANY',
  defaultServiceExportTo: ['*'],
  defaultVirtualServiceExportTo: ['*'],
  defaultDestinationRuleExportTo: ['*'],
  enableAutoMtls: true,
}

/** Longest mesh config text parsed; a bigger one is ignored (defaults apply). */
export const MAX_MESH_CONFIG_CHARS = 64_000

interface RawMesh {
  rootNamespace?: unknown
  outboundTrafficPolicy?: { mode?: unknown }
  defaultServiceExportTo?: unknown
  defaultVirtualServiceExportTo?: unknown
  defaultDestinationRuleExportTo?: unknown
  enableAutoMtls?: unknown
}

/** Reads istio-system/istio's `mesh` key (what `istioctl install --set meshConfig...` writes). */
export function readMeshSettings(store: ObjectStore): MeshSettings {
  const cm = store.get({ kind: 'ConfigMap', name: 'istio', namespace: ISTIO_NAMESPACE })
  const text = (cm?.data as Record<string, string> | undefined)?.mesh
  if (typeof text !== 'string' || text.length > MAX_MESH_CONFIG_CHARS) return DEFAULT_MESH_SETTINGS
  let raw: RawMesh
  try {
    raw = (parseYaml(text) ?? {}) as RawMesh
  } catch {
    return DEFAULT_MESH_SETTINGS
  }
  return fromRaw(raw)
}

function fromRaw(raw: RawMesh): MeshSettings {
  const d = DEFAULT_MESH_SETTINGS
  const mode = raw.outboundTrafficPolicy?.mode
  return {
    rootNamespace: typeof raw.rootNamespace === 'string' && raw.rootNamespace ? raw.rootNamespace : d.rootNamespace,
    outboundTrafficPolicy: mode === 'REGISTRY_ONLY' ? 'REGISTRY_ONLY' : 'ALLOW_ANY',
    defaultServiceExportTo: stringList(raw.defaultServiceExportTo) ?? d.defaultServiceExportTo,
    defaultVirtualServiceExportTo: stringList(raw.defaultVirtualServiceExportTo) ?? d.defaultVirtualServiceExportTo,
    defaultDestinationRuleExportTo: stringList(raw.defaultDestinationRuleExportTo) ?? d.defaultDestinationRuleExportTo,
    enableAutoMtls: raw.enableAutoMtls !== false,
  }
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined
  return value.filter((v): v is string => typeof v === 'string')
}
