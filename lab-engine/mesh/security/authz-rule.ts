// One AuthorizationPolicy rule against one request: from (sources), to (operations) and when (conditions).
//
// Istio AuthorizationPolicy reference ("Rule"): a rule matches when any `from`
// matches, any `to` matches and every `when` condition holds; within a source or
// operation every field set must match (values ORed, notValues negated); empty
// lists mean "any". Semantics follow istiod's RBAC generator
// (pilot/pkg/security/authz/model):
// - principals, namespaces, source.principal and source.namespace come from
//   the peer certificate, so on plain text they never match (and their
//   notValues always do) — "Authorization Policy: fields that require mTLS";
// - namespaces match the principal `.*/ns/<namespace>/.*`;
// - requestPrincipals split `<iss>/<sub>` at the last `/` with `*` on either side;
// - on a TCP connection HTTP-only fields make an ALLOW rule never match, and
//   are dropped from a DENY/AUDIT/CUSTOM rule (Istio "Authorization for TCP
//   traffic": a wider deny, a narrower allow);
// - an unknown `when` key makes the rule invalid: istiod skips it.

import { matchPath } from './authz-path'
import { ipInBlock } from './cidr'
import { claimAt } from './jwt'
import { matchPattern } from './string-match'
import type { RequestAuth } from './types'

export type AuthzAction = 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM'

/** The request as the inbound sidecar's RBAC filter sees it. */
export interface AuthzRequest {
  readonly protocol?: 'http' | 'tcp'
  readonly method?: string
  /** The :path, query included (it is stripped for matching). */
  readonly path?: string
  /** The :authority / Host header. */
  readonly host?: string
  /** Request headers with lower-case names. */
  readonly headers?: Readonly<Record<string, string>>
  /** The direct peer's address. */
  readonly sourceIp?: string
  /** The original client address (X-Forwarded-For / proxy protocol); defaults to sourceIp. */
  readonly remoteIp?: string
  readonly destinationIp?: string
  /** The workload port the request arrived on (the container port). */
  readonly destinationPort: number
  readonly sni?: string
  /** Peer identity without `spiffe://` (cluster.local/ns/foo/sa/sleep); undefined on plain text. */
  readonly sourcePrincipal?: string
  readonly auth?: RequestAuth
}

interface Field {
  readonly httpOnly: boolean
  readonly values?: readonly string[]
  readonly notValues?: readonly string[]
  readonly test: (pattern: string) => boolean
}

type Rec = Record<string, unknown>
const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined)
const obj = (v: unknown): Rec => (v && typeof v === 'object' ? (v as Rec) : {})

const HEADER_OPTS = { presenceAllowsEmpty: true }

/** Result of one rule: matched, not matched, or skipped by istiod (invalid, or HTTP-only in a TCP ALLOW). */
export type RuleResult = 'match' | 'no-match' | 'skipped'

export function evaluateRule(rule: unknown, req: AuthzRequest, action: AuthzAction): RuleResult {
  if (!rule || typeof rule !== 'object') return 'skipped' // istiod: "skipped nil rule"
  const r = obj(rule)
  const when = Array.isArray(r.when) ? r.when.map((w) => conditionField(obj(w), req)) : []
  if (when.includes(undefined)) return 'skipped'
  const sources = Array.isArray(r.from) ? r.from.map((f) => sourceFields(obj(obj(f).source), req)) : []
  const operations = Array.isArray(r.to) ? r.to.map((t) => operationFields(obj(obj(t).operation), req)) : []
  const tcp = req.protocol === 'tcp'
  const usable = (fields: Field[]) => (tcp ? fields.filter((f) => !f.httpOnly) : fields)
  const all = [...(when as Field[]), ...sources.flat(), ...operations.flat()]
  if (tcp && action === 'ALLOW' && all.some((f) => f.httpOnly && isSet(f))) return 'skipped'
  const whenOk = fieldsMatch(usable(when as Field[]))
  const fromOk = sources.length === 0 || sources.some((s) => fieldsMatch(usable(s)))
  const toOk = operations.length === 0 || operations.some((o) => fieldsMatch(usable(o)))
  return whenOk && fromOk && toOk ? 'match' : 'no-match'
}

function isSet(f: Field): boolean {
  return (f.values?.length ?? 0) > 0 || (f.notValues?.length ?? 0) > 0
}

function fieldsMatch(fields: readonly Field[]): boolean {
  return fields.every((f) => {
    if (f.values?.length && !f.values.some(f.test)) return false
    return !(f.notValues?.length && f.notValues.some(f.test))
  })
}

function field(httpOnly: boolean, values: unknown, notValues: unknown, test: (p: string) => boolean): Field {
  return { httpOnly, test, ...(list(values) ? { values: list(values)! } : {}), ...(list(notValues) ? { notValues: list(notValues)! } : {}) }
}

function sourceFields(s: Rec, req: AuthzRequest): Field[] {
  return [
    field(false, s.principals, s.notPrincipals, principalTest(req)),
    field(false, s.namespaces, s.notNamespaces, namespaceTest(req)),
    field(false, s.ipBlocks, s.notIpBlocks, (b) => ipInBlock(req.sourceIp, b)),
    field(false, s.remoteIpBlocks, s.notRemoteIpBlocks, (b) => ipInBlock(req.remoteIp ?? req.sourceIp, b)),
    field(true, s.requestPrincipals, s.notRequestPrincipals, (p) => requestPrincipalMatches(p, req.auth)),
  ]
}

function operationFields(o: Rec, req: AuthzRequest): Field[] {
  return [
    field(true, o.hosts, o.notHosts, (h) => matchPattern(h, req.host, { ignoreCase: true, presenceAllowsEmpty: true })),
    field(false, o.ports, o.notPorts, (p) => Number(p) === req.destinationPort),
    field(true, o.methods, o.notMethods, (m) => matchPattern(m, req.method, HEADER_OPTS)),
    field(true, o.paths, o.notPaths, (p) => matchPath(p, req.path)),
  ]
}

const principalTest = (req: AuthzRequest) => (p: string) => matchPattern(p, req.sourcePrincipal)

function namespaceTest(req: AuthzRequest): (p: string) => boolean {
  return (pattern) => {
    if (!req.sourcePrincipal) return false
    const ns = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')
    return new RegExp(`^.*/ns/${ns}/.*$`).test(`spiffe://${req.sourcePrincipal}`)
  }
}

/** istiod requestPrincipalGenerator: `<iss>/<sub>` split at the last `/`, `*` as prefix/suffix/any. */
export function requestPrincipalMatches(pattern: string, auth: RequestAuth | undefined): boolean {
  if (!auth?.principal) return false
  const cut = auth.principal.lastIndexOf('/')
  const iss = typeof auth.claims?.iss === 'string' ? auth.claims.iss : auth.principal.slice(0, cut)
  const sub = typeof auth.claims?.sub === 'string' ? auth.claims.sub : auth.principal.slice(cut + 1)
  const idx = pattern.lastIndexOf('/')
  const [pIss, pSub] = idx >= 0 ? [pattern.slice(0, idx), pattern.slice(idx + 1)] : [pattern, '']
  const any = (v: string) => v !== ''
  if (pattern === '*') return any(iss) && any(sub)
  if (pattern.startsWith('*')) {
    if (idx < 0) return any(iss) && sub.endsWith(pattern.slice(1))
    return (pIss === '*' ? any(iss) : iss.endsWith(pIss.slice(1))) && sub === pSub
  }
  if (pattern.endsWith('*')) {
    if (idx < 0) return iss.startsWith(pattern.slice(0, -1)) && any(sub)
    return iss === pIss && (pSub === '*' ? any(sub) : sub.startsWith(pSub.slice(0, -1)))
  }
  return iss === pIss && sub === pSub
}

/** A `when` condition as a field; undefined for a key istiod does not know (the rule is skipped). */
function conditionField(w: Rec, req: AuthzRequest): Field | undefined {
  const key = typeof w.key === 'string' ? w.key : ''
  const f = (httpOnly: boolean, test: (p: string) => boolean) => field(httpOnly, w.values, w.notValues, test)
  const bracket = /^\[([^\]]+)\]$/
  if (key.startsWith('request.headers')) {
    const name = bracket.exec(key.slice('request.headers'.length))?.[1]
    return name === undefined ? undefined : f(true, (p) => matchPattern(p, req.headers?.[name.toLowerCase()], HEADER_OPTS))
  }
  if (key.startsWith('request.auth.claims')) {
    const path = claimPath(key.slice('request.auth.claims'.length))
    return path ? f(true, (p) => claimMatches(p, claimAt(req.auth?.claims, path))) : undefined
  }
  if (key.startsWith('experimental.envoy.filters.')) return f(false, () => false)
  return simpleCondition(key, req, f)
}

function simpleCondition(key: string, req: AuthzRequest, f: (httpOnly: boolean, test: (p: string) => boolean) => Field): Field | undefined {
  switch (key) {
    case 'source.ip': return f(false, (b) => ipInBlock(req.sourceIp, b))
    case 'remote.ip': return f(false, (b) => ipInBlock(req.remoteIp ?? req.sourceIp, b))
    case 'destination.ip': return f(false, (b) => ipInBlock(req.destinationIp, b))
    case 'destination.port': return f(false, (p) => Number(p) === req.destinationPort)
    case 'connection.sni': return f(false, (p) => matchPattern(p, req.sni))
    case 'source.namespace': return f(false, namespaceTest(req))
    case 'source.principal': return f(false, principalTest(req))
    case 'request.auth.principal': return f(true, (p) => requestPrincipalMatches(p, req.auth))
    case 'request.auth.audiences': return f(true, (p) => claimMatches(p, req.auth?.audiences))
    case 'request.auth.presenter': return f(true, (p) => matchPattern(p, req.auth?.presenter))
    default: return undefined
  }
}

/** `[a][b]` -> ['a', 'b'] (istiod extractNameInNestedBrackets); undefined when malformed. */
export function claimPath(text: string): string[] | undefined {
  const parts = [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!)
  return parts.length > 0 && parts.map((p) => `[${p}]`).join('') === text ? parts : undefined
}

/** A claim matches a pattern when it is a matching string, or a list holding one. */
function claimMatches(pattern: string, value: unknown): boolean {
  if (typeof value === 'string') return matchPattern(pattern, value)
  return Array.isArray(value) && value.some((v) => typeof v === 'string' && matchPattern(pattern, v))
}
