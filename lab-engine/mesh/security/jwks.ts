// JWKS: resolving a JWTRule's keys (inline, jwksUri or OpenID discovery) and checking a token's signature against them.
//
// Istio RequestAuthentication reference (JWTRule.jwks, jwksUri: "if neither is
// set, Istio uses OpenID discovery: <issuer>/.well-known/openid-configuration").
// istiod fetches the keys itself and inlines them into Envoy's config; when the
// fetch fails it inlines a fake JWKS (pilot/pkg/model/jwks_resolver.go
// CreateFakeJwks) so every token for that issuer is rejected. Key selection
// follows jwt_verify_lib verify.cc: a key is tried when its kid and alg (if set)
// agree with the token's; no such key -> "Jwks doesn't have key to match kid or
// alg from Jwt"; keys tried but none verifies -> "Jwt verification fails".

import { compactVerify, importJWK, type JWK } from 'jose'
import { JWT_STATUS, type JwtStatus, type ParsedJwt } from './jwt-token'

/** Largest JWKS document accepted (a fetched body past this counts as a failed fetch). */
export const MAX_JWKS_BYTES = 256 * 1024
/** Keys looked at in one JWKS. */
export const MAX_JWKS_KEYS = 64
/** Resolved JWKS documents one resolver keeps. */
export const MAX_JWKS_CACHE_ENTRIES = 128

/** Fetches a URL over the simulated network: resolves to the body, rejects on failure or non-200. */
export type JwksFetcher = (uri: string) => Promise<string>

export interface JwksSource {
  readonly issuer: string
  readonly jwks?: string
  readonly jwksUri?: string
}

/** istiod's stand-in JWKS after a failed fetch (jwks_resolver.go CreateFakeJwks). */
export function fakeJwks(jwksUri: string): string {
  const n = Buffer.from(`Error-IstiodFailedToFetchJwksUri-${jwksUri}`).toString('base64url')
  return `{"keys":[ {"e":"AQAB","kid":"abc","kty":"RSA","n":"${n}"}]}`
}

/** Resolves rules' keys the way istiod does, remembering each URI's document. */
export class JwksResolver {
  private readonly cache = new Map<string, Promise<string>>()

  constructor(private readonly fetcher?: JwksFetcher) {}

  /** The JWKS text Envoy would be configured with for this rule. */
  resolve(rule: JwksSource): Promise<string> {
    if (rule.jwks) return Promise.resolve(rule.jwks)
    const key = rule.jwksUri ?? `openid:${rule.issuer}`
    const hit = this.cache.get(key)
    if (hit) return hit
    if (this.cache.size >= MAX_JWKS_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!)
    const pending = this.fetchFor(rule).catch(() => fakeJwks(rule.jwksUri ?? rule.issuer))
    this.cache.set(key, pending)
    return pending
  }

  private async fetchFor(rule: JwksSource): Promise<string> {
    const uri = rule.jwksUri ?? (await this.discover(rule.issuer))
    return this.fetch(uri)
  }

  private async discover(issuer: string): Promise<string> {
    const doc = JSON.parse(await this.fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)) as { jwks_uri?: unknown }
    if (typeof doc.jwks_uri !== 'string') throw new Error('no jwks_uri in the OpenID configuration')
    return doc.jwks_uri
  }

  private async fetch(uri: string): Promise<string> {
    if (!this.fetcher) throw new Error('no fetcher')
    const body = await this.fetcher(uri)
    if (body.length > MAX_JWKS_BYTES) throw new Error('JWKS too large')
    return body
  }
}

const FAMILY: Record<string, string> = { RS: 'RSA', PS: 'RSA', ES: 'EC', HS: 'oct', Ed: 'OKP' }

function keysOf(jwksText: string): JWK[] | undefined {
  try {
    const doc = JSON.parse(jwksText) as { keys?: unknown }
    return Array.isArray(doc.keys) ? (doc.keys.slice(0, MAX_JWKS_KEYS) as JWK[]) : []
  } catch {
    return undefined
  }
}

/** Checks the signature only (time, issuer and audience are checked before, as Envoy orders them). */
export async function verifySignature(jwt: ParsedJwt, jwksText: string): Promise<'ok' | JwtStatus> {
  const keys = keysOf(jwksText)
  if (!keys) return JWT_STATUS.jwksInvalidJson
  let kidAlgMatched = false
  for (const jwk of keys) {
    if (jwt.kid && jwk.kid && jwk.kid !== jwt.kid) continue
    if (jwk.alg && jwk.alg !== jwt.alg) continue
    kidAlgMatched = true
    if (jwk.kty !== FAMILY[jwt.alg.slice(0, 2)]) continue
    if (await verifiesWith(jwt, jwk)) return 'ok'
  }
  return kidAlgMatched ? JWT_STATUS.verificationFails : JWT_STATUS.kidAlgMismatch
}

async function verifiesWith(jwt: ParsedJwt, jwk: JWK): Promise<boolean> {
  try {
    const key = await importJWK({ ...jwk, alg: jwt.alg }, jwt.alg)
    await compactVerify(jwt.token, key, { algorithms: [jwt.alg] })
    return true
  } catch {
    return false
  }
}
