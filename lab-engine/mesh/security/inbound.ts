// Inbound security filters in Envoy's order: request authentication (jwt_authn) first, then authorization (RBAC).
//
// Istio builds a sidecar's or gateway's inbound HTTP filter chain as jwt_authn
// -> istio_authn -> (CUSTOM ext_authz) -> RBAC (AUDIT, DENY, ALLOW) -> router,
// so a bad token is answered 401 before any AuthorizationPolicy is looked at,
// and only a request that passes authentication reaches authorization with its
// request.auth.* attributes ("Authentication Policy" task, "Authorization"
// concept page). TCP connections skip request authentication.

import type { KubeObject } from '../../cluster/types'
import { authorize, type AuthzDecision, type AuthzOptions } from './authz'
import type { AuthzRequest } from './authz-rule'
import { deepFreeze } from '../../cluster/object-change'
import { authenticateRequest, NO_POLICY_PASS, type AuthnContext, type AuthnResult } from './jwt'

export interface InboundInput extends AuthnContext, AuthzOptions {
  /** RequestAuthentications that apply to the receiving workload. */
  readonly requestAuthentications: readonly KubeObject[]
  /** AuthorizationPolicies that apply to the receiving workload, in evaluation order. */
  readonly authorizationPolicies: readonly KubeObject[]
  /** The request and connection attributes; `auth` is filled in by authentication. */
  readonly request: Omit<AuthzRequest, 'auth'> & { readonly scheme?: 'http' | 'https' }
}

export interface InboundRejected {
  readonly outcome: 'reject'
  /** 401/403 from jwt_authn, 403 from RBAC; 0 when a TCP connection is closed. */
  readonly status: 0 | 401 | 403
  readonly body: string
  readonly headers: Readonly<Record<string, string>>
  readonly authn?: AuthnResult
  readonly authz?: AuthzDecision
}

export interface InboundAllowed {
  readonly outcome: 'allow'
  /** Headers jwt_authn adds (outputPayloadToHeader, outputClaimToHeaders) and removes (the token, unless forwarded). */
  readonly headersToSet: Readonly<Record<string, string>>
  readonly headersToRemove: readonly string[]
  readonly authn?: AuthnResult
  readonly authz: AuthzDecision
}

export type InboundResult = InboundRejected | InboundAllowed

/**
 * Runs request authentication then authorization for one inbound request. A promise only
 * while a RequestAuthentication's keys are being fetched; otherwise the answer at once.
 */
export function checkInbound(input: InboundInput): InboundResult | Promise<InboundResult> {
  const { request } = input
  if (request.protocol === 'tcp') return authorizeAfter(input, undefined)
  // Most workloads have no policy at all: every request of theirs gets the same answer.
  if (input.requestAuthentications.length === 0 && input.authorizationPolicies.length === 0) return (withoutPolicies ??= deepFreeze(authorizeAfter(input, NO_POLICY_PASS)))
  const authn = authenticateRequest(input.requestAuthentications, { headers: request.headers ?? {}, path: request.path ?? '/', host: request.host ?? '', ...(request.scheme ? { scheme: request.scheme } : {}) }, input)
  return authn instanceof Promise ? authn.then((a) => authorizeAfter(input, a)) : authorizeAfter(input, authn)
}

function authorizeAfter(input: InboundInput, authn: AuthnResult | undefined): InboundResult {
  const { request } = input
  if (authn?.outcome === 'reject') return { outcome: 'reject', status: authn.status, body: authn.body, headers: authn.headers, authn }
  // With no policy authorize() reads nothing of the request: no copy with the auth attributes then.
  const authz = input.authorizationPolicies.length === 0
    ? authorize(input.authorizationPolicies, request, input)
    : authorize(input.authorizationPolicies, { ...request, ...(authn?.auth ? { auth: authn.auth } : {}) }, input)
  if (!authz.allowed) {
    return { outcome: 'reject', status: authz.status ?? 0, body: authz.body ?? '', headers: {}, authz, ...(authn ? { authn } : {}) }
  }
  return {
    outcome: 'allow', authz, ...(authn ? { authn } : {}),
    headersToSet: authn?.outcome === 'pass' ? authn.headersToSet : {},
    headersToRemove: authn?.outcome === 'pass' ? authn.headersToRemove : [],
  }
}

/** The answer for an HTTP request to a workload no RequestAuthentication or AuthorizationPolicy applies to (shared, frozen). */
let withoutPolicies: InboundResult | undefined
