// Security types shared by policy selection, mTLS, JWT authentication and authorization.
//
// Field names follow Istio's security.istio.io API reference (PeerAuthentication,
// RequestAuthentication, AuthorizationPolicy); identities follow Istio's
// "Security" concept page: a workload's identity is the SPIFFE ID
// spiffe://<trust domain>/ns/<namespace>/sa/<service account>.

import type { KubeObject, Labels } from '../../cluster/types'

/** Istio's default root namespace (meshConfig.rootNamespace). */
export const DEFAULT_ROOT_NAMESPACE = 'istio-system'

/** Istio's default trust domain (meshConfig.trustDomain). */
export const DEFAULT_TRUST_DOMAIN = 'cluster.local'

/** Names one policy object in decision traces: `<namespace>/<name>`. */
export interface PolicyRef {
  readonly namespace: string
  readonly name: string
}

/** The workload a policy may apply to: where it runs and what it is labelled. */
export interface WorkloadRef {
  readonly namespace: string
  readonly labels: Labels
  /**
   * Classic networking.istio.io Gateways this workload serves (gateway pods only):
   * a policy's `targetRef` of kind Gateway attaches through them.
   */
  readonly gateways?: readonly PolicyRef[]
}

/** PeerAuthentication mTLS modes once UNSET has been resolved (Istio: UNSET inherits, default PERMISSIVE). */
export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE'

/** DestinationRule trafficPolicy.tls.mode values (networking.istio.io ClientTLSSettings.TLSmode). */
export type ClientTlsMode = 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL'

/** What request authentication hands to authorization (Istio's request.auth.* attributes). */
export interface RequestAuth {
  /** `<iss>/<sub>` of the verified JWT. */
  readonly principal?: string
  readonly claims?: Readonly<Record<string, unknown>>
  readonly audiences?: readonly string[]
  /** The `azp` claim. */
  readonly presenter?: string
}

export function refOf(obj: KubeObject): PolicyRef {
  return { namespace: obj.metadata.namespace ?? '', name: obj.metadata.name }
}

export function refString(ref: PolicyRef): string {
  return `${ref.namespace}/${ref.name}`
}

/** A policy's spec as a plain record (specs are free-form JSON in the store). */
export function specOf(obj: KubeObject): Record<string, unknown> {
  const spec = obj.spec
  return spec && typeof spec === 'object' ? (spec as Record<string, unknown>) : {}
}

/** SPIFFE identity of a service account (Istio "Security" concept: Istio identity). */
export function spiffeId(namespace: string, serviceAccount: string, trustDomain = DEFAULT_TRUST_DOMAIN): string {
  return `spiffe://${trustDomain}/ns/${namespace}/sa/${serviceAccount}`
}

/**
 * The `source.principal` attribute authorization matches against: the SPIFFE ID
 * without its `spiffe://` scheme (Istio AuthorizationPolicy reference, Source.principals).
 */
export function principalOf(namespace: string, serviceAccount: string, trustDomain = DEFAULT_TRUST_DOMAIN): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`
}
