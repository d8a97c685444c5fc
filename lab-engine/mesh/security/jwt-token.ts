// JWT tokens as Envoy's jwt_authn filter sees them: where they are taken from and how they are parsed.
//
// Locations follow Istio's RequestAuthentication reference (JWTRule.fromHeaders,
// fromParams, fromCookies; "by default Istio looks for the token in the
// Authorization header with the Bearer prefix and the access_token query
// parameter" — Envoy's JwtProvider defaults). Parse errors carry Envoy's
// messages from google/jwt_verify_lib status.cc, which is what the 401 body shows.

/** Longest token looked at; Envoy's own bound is its request header size limit (60 KiB). */
export const MAX_TOKEN_BYTES = 60 * 1024

/** Envoy's status strings (jwt_verify_lib getStatusString), used as the 401 body. */
export const JWT_STATUS = {
  badFormat: 'Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections',
  headerBadBase64: 'Jwt header is an invalid Base64url encoded',
  headerBadJson: 'Jwt header is an invalid JSON',
  headerBadAlg: 'Jwt header [alg] field is required and must be a string',
  headerAlgNotSupported: 'Jwt header [alg] is not supported',
  headerBadKid: 'Jwt header [kid] field is not a string',
  payloadBadBase64: 'Jwt payload is an invalid Base64url encoded',
  payloadBadJson: 'Jwt payload is an invalid JSON',
  issNotString: 'Jwt payload [iss] field is not a string',
  subNotString: 'Jwt payload [sub] field is not a string',
  expNotInteger: 'Jwt payload [exp] field is not an integer',
  nbfNotInteger: 'Jwt payload [nbf] field is not an integer',
  audNotString: 'Jwt payload [aud] field is not a string or string list',
  signatureBadBase64: 'Jwt signature is an invalid Base64url encoded',
  unknownIssuer: 'Jwt issuer is not configured',
  audienceNotAllowed: 'Audiences in Jwt are not allowed',
  verificationFails: 'Jwt verification fails',
  expired: 'Jwt is expired',
  notYetValid: 'Jwt not yet valid',
  jwksInvalidJson: 'Jwks is an invalid JSON',
  kidAlgMismatch: "Jwks doesn't have key to match kid or alg from Jwt",
} as const

export type JwtStatus = (typeof JWT_STATUS)[keyof typeof JWT_STATUS]

/** Algorithms Envoy's jwt_authn verifies. */
export const SUPPORTED_ALGS: readonly string[] = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'HS256', 'HS384', 'HS512', 'EdDSA',
]

export interface ParsedJwt {
  readonly token: string
  readonly alg: string
  readonly kid?: string
  readonly payload: Record<string, unknown>
  /** The payload segment as sent: what outputPayloadToHeader forwards. */
  readonly payloadSegment: string
  readonly iss: string
  readonly sub: string
  readonly audiences: string[]
  readonly exp?: number
  readonly nbf?: number
}

const B64URL = /^[A-Za-z0-9_-]*$/

function decodeSegment(seg: string): unknown | 'bad-base64' | 'bad-json' {
  if (!B64URL.test(seg)) return 'bad-base64'
  try {
    return JSON.parse(Buffer.from(seg, 'base64url').toString('utf8'))
  } catch {
    return 'bad-json'
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Parses a compact JWT the way jwt_verify_lib's Jwt::parseFromString does; a string result is Envoy's error. */
export function parseJwt(token: string): ParsedJwt | JwtStatus {
  const parts = token.split('.')
  if (token.length > MAX_TOKEN_BYTES || parts.length !== 3) return JWT_STATUS.badFormat
  const header = decodeSegment(parts[0]!)
  if (header === 'bad-base64') return JWT_STATUS.headerBadBase64
  if (!isObject(header)) return JWT_STATUS.headerBadJson
  if (typeof header.alg !== 'string') return JWT_STATUS.headerBadAlg
  if (!SUPPORTED_ALGS.includes(header.alg)) return JWT_STATUS.headerAlgNotSupported
  if (header.kid !== undefined && typeof header.kid !== 'string') return JWT_STATUS.headerBadKid
  const payload = decodeSegment(parts[1]!)
  if (payload === 'bad-base64') return JWT_STATUS.payloadBadBase64
  if (!isObject(payload)) return JWT_STATUS.payloadBadJson
  if (!B64URL.test(parts[2]!)) return JWT_STATUS.signatureBadBase64
  return claimsOf(token, header.alg, header.kid as string | undefined, payload, parts[1]!)
}

function claimsOf(token: string, alg: string, kid: string | undefined, payload: Record<string, unknown>, segment: string): ParsedJwt | JwtStatus {
  const { iss = '', sub = '', aud, exp, nbf } = payload
  if (typeof iss !== 'string') return JWT_STATUS.issNotString
  if (typeof sub !== 'string') return JWT_STATUS.subNotString
  if (exp !== undefined && !Number.isInteger(exp)) return JWT_STATUS.expNotInteger
  if (nbf !== undefined && !Number.isInteger(nbf)) return JWT_STATUS.nbfNotInteger
  const audiences = aud === undefined ? [] : typeof aud === 'string' ? [aud] : aud
  if (!Array.isArray(audiences) || !audiences.every((a) => typeof a === 'string')) return JWT_STATUS.audNotString
  return {
    token, alg, payload, payloadSegment: segment, iss, sub, audiences: audiences as string[],
    ...(kid !== undefined ? { kid } : {}), ...(exp !== undefined ? { exp: exp as number } : {}), ...(nbf !== undefined ? { nbf: nbf as number } : {}),
  }
}

/** A JWTRule's token locations (Istio JWTHeader: name and optional prefix). */
export interface TokenLocations {
  readonly fromHeaders?: readonly { name: string; prefix?: string }[]
  readonly fromParams?: readonly string[]
  readonly fromCookies?: readonly string[]
}

/** Where a token was found, so that a verified token's header can be removed. */
export interface FoundToken {
  readonly token: string
  readonly header?: string
  readonly param?: string
  readonly cookie?: string
}

const DEFAULT_LOCATIONS: TokenLocations = { fromHeaders: [{ name: 'authorization', prefix: 'Bearer ' }], fromParams: ['access_token'] }

/** Tokens a rule's locations find, in header, parameter, cookie order (Envoy's extractor). */
export function extractTokens(rule: TokenLocations, headers: Readonly<Record<string, string>>, path: string): FoundToken[] {
  const custom = (rule.fromHeaders?.length ?? 0) + (rule.fromParams?.length ?? 0) + (rule.fromCookies?.length ?? 0) > 0
  const loc = custom ? rule : DEFAULT_LOCATIONS
  const found: FoundToken[] = []
  for (const h of loc.fromHeaders ?? []) {
    const value = headers[h.name.toLowerCase()]
    const prefix = h.prefix ?? ''
    if (value !== undefined && value.startsWith(prefix) && value.length > prefix.length) found.push({ token: value.slice(prefix.length).trim(), header: h.name.toLowerCase() })
  }
  const query = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '')
  for (const p of loc.fromParams ?? []) {
    const value = query.get(p)
    if (value) found.push({ token: value, param: p })
  }
  for (const c of loc.fromCookies ?? []) {
    const value = cookieValue(headers.cookie, c)
    if (value) found.push({ token: value, cookie: c })
  }
  return found
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}
