// Test fixtures: security policy objects shaped as the store keeps them (used by this directory's tests only).

import type { KubeObject } from '../../cluster/types'

let counter = 0

/** A stored security.istio.io object; `createdAt` orders policies (oldest wins). */
export function policy(kind: string, namespace: string, name: string, spec: Record<string, unknown>, createdAt = '2026-01-01T00:00:00Z', annotations?: Record<string, string>): KubeObject {
  counter++
  return {
    apiVersion: 'security.istio.io/v1',
    kind,
    metadata: {
      name, namespace, uid: `uid-${counter}`, resourceVersion: String(counter), generation: 1,
      creationTimestamp: createdAt, ...(annotations ? { annotations } : {}),
    },
    spec,
  }
}

export const pa = (ns: string, name: string, spec: Record<string, unknown>, createdAt?: string) => policy('PeerAuthentication', ns, name, spec, createdAt)
export const ra = (ns: string, name: string, spec: Record<string, unknown>, createdAt?: string) => policy('RequestAuthentication', ns, name, spec, createdAt)
export const ap = (ns: string, name: string, spec: Record<string, unknown>, createdAt?: string, annotations?: Record<string, string>) =>
  policy('AuthorizationPolicy', ns, name, spec, createdAt, annotations)
