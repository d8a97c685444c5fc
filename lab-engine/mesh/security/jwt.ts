// Request authentication: RequestAuthentication jwtRules verified the way Istio configures Envoy's jwt_authn filter.
//
// Istio RequestAuthentication reference and the "Authentication Policy" task:
// - every jwtRule of every applicable policy is one Envoy provider; a request
//   passes when any provider verifies its token, and "requests without a token
//   are accepted, but have no authenticated identity" (Istio sets allow_missing);
// - an invalid token gets 401 with Envoy's status as body (`Jwt verification
//   fails`, `Jwt is expired`, ...); a token whose issuer no rule lists gets 401
//   `Jwt issuer is not configured`; a wrong audience is 403 `Audiences in Jwt
//   are not allowed` (Envoy jwt_authn filter.cc);
// - every token found must verify (Envoy's authenticator rejects a good token
//   sent alongside a bad one);
// - the request principal is `<iss>/<sub>`; claims feed request.auth.claims;
// - time is the session clock's, with Envoy's default 60 s clock skew (the
//   task's 5 s token keeps answering 200 for about a minute after it expires).

import type { KubeObject } from '../../cluster/types'
import { JwksResolver, verifySignature, type JwksFetcher } from './jwks'
import { extractTokens, JWT_STATUS, parseJwt, type FoundToken, type JwtStatus, type ParsedJwt, type TokenLocations } from './jwt-token'
import { refOf, specOf, type PolicyRef, type RequestAuth } from './types'

/** Envoy JwtProvider.clock_skew_seconds default; Istio does not change it. */
export const CLOCK_SKEW_SECONDS = 60
/** jwtRules evaluated per request across all applicable policies. */
export const MAX_JWT_RULES = 64

export interface JwtRule extends TokenLocations {
  readonly issuer: string
  readonly audiences?: readonly string[]
  readonly jwks?: string
  readonly jwksUri?: string
  readonly outputPayloadToHeader?: string
  readonly forwardOriginalToken?: boolean
  readonly outputClaimToHeaders?: readonly { header: string; claim: string }[]
}

export interface AuthnRequest {
  /** Request headers with lower-case names. */
  readonly headers: Readonly<Record<string, string>>
  /** The :path, with its query string. */
  readonly path: string
  readonly host: string
  readonly scheme?: 'http' | 'https'
}

export interface AuthnContext {
  /** The session clock's now, epoch milliseconds. */
  readonly nowMs: number
  /** Resolves jwksUri / OpenID discovery; without one only inline `jwks` keys exist. */
  readonly resolver?: JwksResolver
}

export interface RuleRef { readonly policy: PolicyRef; readonly index: number; readonly issuer: string }

export interface AuthnPass {
  readonly outcome: 'pass'
  /** Absent when the request carried no token: it passes unauthenticated. */
  readonly auth?: RequestAuth
  readonly rule?: RuleRef
  readonly headersToSet: Readonly<Record<string, string>>
  readonly headersToRemove: readonly string[]
  readonly explanation: string
}

export interface AuthnReject {
  readonly outcome: 'reject'
  readonly status: 401 | 403
  readonly body: JwtStatus
  readonly headers: Readonly<Record<string, string>>
  /** The rule whose verification produced the error, when one did. */
  readonly rule?: RuleRef
  readonly explanation: string
}

export type AuthnResult = AuthnPass | AuthnReject

interface BoundRule { readonly rule: JwtRule; readonly ref: RuleRef }

type ProviderResult =
  | { kind: 'missed' }
  | { kind: 'ok'; tokens: { found: FoundToken; jwt: ParsedJwt }[] }
  | { kind: 'error'; status: JwtStatus }

/** The jwtRules of the applicable RequestAuthentications, in policy order. */
export function jwtRulesOf(policies: readonly KubeObject[]): BoundRule[] {
  return policies.filter((p) => p.kind === 'RequestAuthentication').flatMap((p) => {
    const rules = Array.isArray(specOf(p).jwtRules) ? (specOf(p).jwtRules as JwtRule[]) : []
    return rules.filter((r) => typeof r?.issuer === 'string').map((rule, index) => ({ rule, ref: { policy: refOf(p), index, issuer: rule.issuer } }))
  }).slice(0, MAX_JWT_RULES)
}

/** Authenticates one request against the workload's applicable RequestAuthentications. */
export function authenticateRequest(policies: readonly KubeObject[], req: AuthnRequest, ctx: AuthnContext): AuthnResult | Promise<AuthnResult> {
  // Most workloads have no RequestAuthentication: every request of theirs gets the same answer (nothing reads or changes it), at once.
  if (policies.length === 0) return NO_POLICY_PASS
  return authenticateWithPolicies(policies, req, ctx)
}

async function authenticateWithPolicies(policies: readonly KubeObject[], req: AuthnRequest, ctx: AuthnContext): Promise<AuthnResult> {
  const bound = jwtRulesOf(policies)
  const resolver = ctx.resolver ?? new JwksResolver()
  const results: ProviderResult[] = []
  for (const b of bound) results.push(await runProvider(b.rule, req, ctx.nowMs, resolver))
  const okIndex = results.findIndex((r) => r.kind === 'ok')
  if (okIndex >= 0) return passWith(bound[okIndex]!, results[okIndex] as Extract<ProviderResult, { kind: 'ok' }>)
  const errIndex = results.findIndex((r) => r.kind === 'error' && r.status !== JWT_STATUS.unknownIssuer)
  if (errIndex >= 0) return reject((results[errIndex] as { status: JwtStatus }).status, req, bound[errIndex]!.ref)
  if (results.some((r) => r.kind === 'error')) return reject(JWT_STATUS.unknownIssuer, req)
  const why = bound.length === 0 ? 'no RequestAuthentication applies' : 'no token in any jwtRule location'
  return { outcome: 'pass', headersToSet: {}, headersToRemove: [], explanation: `${why}: the request passes without a request principal (Istio RequestAuthentication)` }
}

/** The answer for a workload no RequestAuthentication applies to (shared, frozen). */
export const NO_POLICY_PASS: AuthnResult = Object.freeze({
  outcome: 'pass', headersToSet: Object.freeze({}) as Record<string, string>, headersToRemove: Object.freeze([]) as unknown as string[],
  explanation: 'no RequestAuthentication applies: the request passes without a request principal (Istio RequestAuthentication)',
})

async function runProvider(rule: JwtRule, req: AuthnRequest, nowMs: number, resolver: JwksResolver): Promise<ProviderResult> {
  const found = extractTokens(rule, req.headers, req.path)
  if (found.length === 0) return { kind: 'missed' }
  const tokens: { found: FoundToken; jwt: ParsedJwt }[] = []
  for (const f of found) {
    const jwt = parseJwt(f.token)
    if (typeof jwt === 'string') return { kind: 'error', status: jwt }
    const status = await verifyToken(jwt, rule, nowMs, resolver)
    if (status !== 'ok') return { kind: 'error', status }
    tokens.push({ found: f, jwt })
  }
  return { kind: 'ok', tokens }
}

/** Envoy's order: issuer, time window, audiences, then keys and signature. */
async function verifyToken(jwt: ParsedJwt, rule: JwtRule, nowMs: number, resolver: JwksResolver): Promise<'ok' | JwtStatus> {
  if (jwt.iss !== rule.issuer) return JWT_STATUS.unknownIssuer
  const now = Math.floor(nowMs / 1000)
  if (jwt.nbf !== undefined && now + CLOCK_SKEW_SECONDS < jwt.nbf) return JWT_STATUS.notYetValid
  if (jwt.exp !== undefined && jwt.exp !== 0 && now > jwt.exp + CLOCK_SKEW_SECONDS) return JWT_STATUS.expired
  if (!audiencesAllowed(rule.audiences ?? [], jwt.audiences)) return JWT_STATUS.audienceNotAllowed
  return verifySignature(jwt, await resolver.resolve(rule))
}

/** jwt_verify_lib CheckAudience: scheme and trailing slash are ignored; no configured audiences allows any. */
export function audiencesAllowed(allowed: readonly string[], tokenAudiences: readonly string[]): boolean {
  if (allowed.length === 0) return true
  const norm = (a: string) => a.replace(/^https?:\/\//, '').replace(/\/$/, '')
  const set = new Set(allowed.map(norm))
  return tokenAudiences.some((a) => set.has(norm(a)))
}

function passWith(bound: BoundRule, result: Extract<ProviderResult, { kind: 'ok' }>): AuthnPass {
  const { rule, ref } = bound
  const first = result.tokens[0]!.jwt
  const headersToSet: Record<string, string> = {}
  if (rule.outputPayloadToHeader) headersToSet[rule.outputPayloadToHeader.toLowerCase()] = first.payloadSegment
  for (const { header, claim } of rule.outputClaimToHeaders ?? []) {
    const v = first.payload[claim]
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') headersToSet[header.toLowerCase()] = String(v)
  }
  const headersToRemove = rule.forwardOriginalToken ? [] : [...new Set(result.tokens.flatMap((t) => (t.found.header ? [t.found.header] : [])))]
  const presenter = typeof first.payload.azp === 'string' ? first.payload.azp : undefined
  return {
    outcome: 'pass', rule: ref, headersToSet, headersToRemove,
    auth: { principal: `${first.iss}/${first.sub}`, claims: first.payload, audiences: first.audiences, ...(presenter ? { presenter } : {}) },
    explanation: `token verified by jwtRules[${ref.index}] of ${ref.policy.namespace}/${ref.policy.name} (issuer ${ref.issuer})`,
  }
}

function reject(status: JwtStatus, req: AuthnRequest, rule?: RuleRef): AuthnReject {
  const uri = `${req.scheme ?? 'http'}://${req.host}${req.path}`
  const code = status === JWT_STATUS.audienceNotAllowed ? 403 : 401
  return {
    outcome: 'reject', status: code, body: status, headers: { 'www-authenticate': `Bearer realm="${uri}", error="invalid_token"` },
    ...(rule ? { rule } : {}),
    explanation: `Envoy jwt_authn rejected the token: ${status}${rule ? ` (jwtRules[${rule.index}] of ${rule.policy.namespace}/${rule.policy.name})` : ''}`,
  }
}

export { JwksResolver, type JwksFetcher }

/** request.auth.claims[a][b]: a claim by path; undefined when any step is missing. */
export function claimAt(claims: Readonly<Record<string, unknown>> | undefined, path: readonly string[]): unknown {
  let cur: unknown = claims
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}
