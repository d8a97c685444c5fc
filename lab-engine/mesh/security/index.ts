// Mesh security: the public API other mesh parts call (policy selection, transport, request authentication, authorization).
//
// Pure functions over stored objects; from-store.ts adapts them to the object store.

export * from './types'
export { authorizationPoliciesFor, peerAuthenticationsFor, requestAuthenticationsFor, scopeOf, type PolicyScope, type SecurityKind } from './policy-selection'
export { composePeerAuthentication, inferNamespaceMode, modeForPort, peerAuthenticationModeFor, type EffectivePeerAuthentication, type ModeDecision, type ModeSource } from './peer-authentication'
export {
  clientTlsMode, connectionSecurityPolicyLabel, decideTransport, upstreamResetBody, xfccValue, TLS_HANDSHAKE_FAILURE, TLS_VERIFY_FAILED, TLS_WRONG_VERSION,
  type TransportDecision, type TransportEstablished, type TransportInput, type TransportPeer, type TransportReset, type TransportServer, type TransportUpstreamFailure,
} from './mtls'
export { authenticateRequest, audiencesAllowed, claimAt, jwtRulesOf, CLOCK_SKEW_SECONDS, type AuthnContext, type AuthnPass, type AuthnReject, type AuthnRequest, type AuthnResult, type JwtRule, type RuleRef } from './jwt'
export { fakeJwks, JwksResolver, verifySignature, type JwksFetcher } from './jwks'
export { extractTokens, parseJwt, JWT_STATUS, type JwtStatus, type ParsedJwt } from './jwt-token'
export { authorize, RBAC_DENIED_BODY, type AuthzDecision, type AuthzOptions, type RuleHit } from './authz'
export { evaluateRule, requestPrincipalMatches, type AuthzAction, type AuthzRequest, type RuleResult } from './authz-rule'
export { matchPath, normalizePath } from './authz-path'
export { checkInbound, type InboundAllowed, type InboundInput, type InboundRejected, type InboundResult } from './inbound'
export * from './from-store'
