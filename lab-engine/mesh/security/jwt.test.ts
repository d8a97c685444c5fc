import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_JWT, GROUPS_SCOPE_JWT, SAMPLE_JWKS_JSON, SAMPLE_JWT_ISSUER } from '../apps/jwt-samples'
import { fakeJwks, JwksResolver } from './jwks'
import { audiencesAllowed, authenticateRequest, claimAt, type AuthnRequest, type AuthnResult } from './jwt'
import { JWT_STATUS, parseJwt } from './jwt-token'
import { ra } from './test-fixtures'

const NOW_MS = Date.UTC(2026, 0, 1)
const NOW_S = NOW_MS / 1000
const JWKS_URI = 'https://raw.githubusercontent.com/istio/istio/master/security/tools/jwt/samples/jwks.json'
const demo = DEMO_JWT.trim()
const groups = GROUPS_SCOPE_JWT.trim()

const bearer = (token: string, extra: Record<string, string> = {}): AuthnRequest =>
  ({ headers: { authorization: `Bearer ${token}`, ...extra }, path: '/headers', host: 'httpbin.foo:8000' })
const noToken: AuthnRequest = { headers: {}, path: '/headers', host: 'httpbin.foo:8000' }

/** The task's policy: issuer testing@secure.istio.io with Istio's sample jwks.json. */
const sample = (extra: Record<string, unknown> = {}) =>
  ra('foo', 'jwt-example', { selector: { matchLabels: { app: 'httpbin' } }, jwtRules: [{ issuer: SAMPLE_JWT_ISSUER, jwks: SAMPLE_JWKS_JSON, ...extra }] })

async function run(policies: ReturnType<typeof ra>[], req: AuthnRequest, nowMs = NOW_MS, resolver?: JwksResolver): Promise<AuthnResult> {
  return authenticateRequest(policies, req, { nowMs, ...(resolver ? { resolver } : {}) })
}

let own: { jwks: string; sign: (claims: JWTPayload) => Promise<string> }

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'own-key', alg: 'RS256' }
  own = {
    jwks: JSON.stringify({ keys: [jwk] }),
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'own-key' }).setIssuedAt(NOW_S).sign(privateKey),
  }
})

describe('Istio\'s published sample tokens against its jwks.json', () => {
  it('demo.jwt verifies; the request principal is <iss>/<sub> and its claims are available', async () => {
    const r = await run([sample()], bearer(demo))
    expect(r).toMatchObject({ outcome: 'pass', auth: { principal: 'testing@secure.istio.io/testing@secure.istio.io', claims: { foo: 'bar' } } })
  })

  it('groups-scope.jwt carries groups [group1, group2] for request.auth.claims[groups]', async () => {
    const r = await run([sample()], bearer(groups))
    expect(r.outcome === 'pass' && r.auth?.claims?.groups).toEqual(['group1', 'group2'])
  })

  it('jwksUri is fetched once through the injected fetcher and reused', async () => {
    const fetched: string[] = []
    const resolver = new JwksResolver(async (uri) => { fetched.push(uri); return SAMPLE_JWKS_JSON })
    const policy = ra('istio-system', 'jwt-example', { jwtRules: [{ issuer: SAMPLE_JWT_ISSUER, jwksUri: JWKS_URI }] })
    expect((await run([policy], bearer(demo), NOW_MS, resolver)).outcome).toBe('pass')
    expect((await run([policy], bearer(groups), NOW_MS, resolver)).outcome).toBe('pass')
    expect(fetched).toEqual([JWKS_URI])
  })

  it('without jwks or jwksUri the keys come from OpenID discovery on the issuer', async () => {
    const fetched: string[] = []
    const resolver = new JwksResolver(async (uri) => {
      fetched.push(uri)
      return uri.endsWith('openid-configuration') ? JSON.stringify({ jwks_uri: JWKS_URI }) : SAMPLE_JWKS_JSON
    })
    const policy = ra('foo', 'oidc', { jwtRules: [{ issuer: 'https://issuer.example' }] })
    const token = await own.sign({ iss: 'https://issuer.example', sub: 'x' })
    await run([policy], bearer(token), NOW_MS, resolver)
    expect(fetched).toEqual(['https://issuer.example/.well-known/openid-configuration', JWKS_URI])
  })
})

describe('Authentication Policy task (end-user authentication)', () => {
  it('no token: 200, the request passes with no request principal', async () => {
    const r = await run([sample()], noToken)
    expect(r).toMatchObject({ outcome: 'pass' })
    expect(r.outcome === 'pass' && r.auth).toBeUndefined()
  })

  it('"Authorization: Bearer deadbeef": 401 with Envoy\'s format error as body', async () => {
    const r = await run([sample()], bearer('deadbeef'))
    expect(r).toMatchObject({ outcome: 'reject', status: 401, body: 'Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections' })
    expect(r.outcome === 'reject' && r.headers['www-authenticate']).toBe('Bearer realm="http://httpbin.foo:8000/headers", error="invalid_token"')
  })

  it('a token whose payload was altered: 401 Jwt verification fails', async () => {
    const [h, , s] = demo.split('.')
    const forged = Buffer.from(JSON.stringify({ iss: SAMPLE_JWT_ISSUER, sub: 'admin', exp: 4685989700 })).toString('base64url')
    expect(await run([sample()], bearer(`${h}.${forged}.${s}`))).toMatchObject({ status: 401, body: 'Jwt verification fails' })
  })

  it('a token from an issuer no rule lists: 401 Jwt issuer is not configured', async () => {
    const token = await own.sign({ iss: 'someone-else', sub: 'x' })
    expect(await run([sample()], bearer(token))).toMatchObject({ status: 401, body: 'Jwt issuer is not configured' })
  })

  it('a 5-second token keeps answering 200 within the 60 s clock skew, then 401 Jwt is expired', async () => {
    const policy = ra('istio-system', 'jwt-example', { jwtRules: [{ issuer: 'short@example', jwks: own.jwks }] })
    const token = await own.sign({ iss: 'short@example', sub: 'u', exp: NOW_S + 5 })
    const codes: string[] = []
    for (let t = 0; t < 100; t += 10) {
      const r = await run([policy], bearer(token), NOW_MS + t * 1000)
      codes.push(r.outcome === 'pass' ? '200' : `${r.status} ${r.body}`)
    }
    expect(codes).toEqual([...Array(7).fill('200'), ...Array(3).fill('401 Jwt is expired')])
  })

  it('a token not valid before a future nbf: 401 Jwt not yet valid', async () => {
    const policy = ra('foo', 'nbf', { jwtRules: [{ issuer: 'nbf@example', jwks: own.jwks }] })
    const token = await own.sign({ iss: 'nbf@example', sub: 'u', nbf: NOW_S + 3600 })
    expect(await run([policy], bearer(token))).toMatchObject({ status: 401, body: 'Jwt not yet valid' })
  })
})

describe('jwtRule options', () => {
  it('audiences: a token for another audience is 403 Audiences in Jwt are not allowed', async () => {
    const policy = ra('foo', 'aud', { jwtRules: [{ issuer: 'aud@example', jwks: own.jwks, audiences: ['bookstore.example'] }] })
    const wrong = await own.sign({ iss: 'aud@example', sub: 'u', aud: 'other' })
    const right = await own.sign({ iss: 'aud@example', sub: 'u', aud: ['x', 'https://bookstore.example/'] })
    expect(await run([policy], bearer(wrong))).toMatchObject({ status: 403, body: 'Audiences in Jwt are not allowed' })
    expect(await run([policy], bearer(right))).toMatchObject({ outcome: 'pass', auth: { audiences: ['x', 'https://bookstore.example/'] } })
    expect(audiencesAllowed([], ['anything'])).toBe(true)
  })

  it('fromHeaders replaces the default location: a Bearer token in Authorization is not looked at', async () => {
    const policy = sample({ fromHeaders: [{ name: 'x-jwt-assertion' }] })
    expect((await run([policy], { ...noToken, headers: { 'x-jwt-assertion': demo } })).outcome).toBe('pass')
    const r = await run([policy], bearer('deadbeef'))
    expect(r.outcome === 'pass' && r.auth).toBeUndefined()
  })

  it('fromParams and the default access_token parameter', async () => {
    const custom = sample({ fromParams: ['my_token'] })
    expect(await run([custom], { ...noToken, path: `/headers?my_token=${demo}` })).toMatchObject({ auth: { principal: expect.stringContaining('/') } })
    expect(await run([sample()], { ...noToken, path: '/headers?access_token=deadbeef' })).toMatchObject({ status: 401 })
  })

  it('the token header is removed unless forwardOriginalToken; outputPayloadToHeader forwards the payload', async () => {
    const dropped = await run([sample({ outputPayloadToHeader: 'x-jwt-payload' })], bearer(demo))
    expect(dropped).toMatchObject({ headersToRemove: ['authorization'] })
    const payload = dropped.outcome === 'pass' ? dropped.headersToSet['x-jwt-payload']! : ''
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ foo: 'bar', iss: SAMPLE_JWT_ISSUER })
    expect(await run([sample({ forwardOriginalToken: true })], bearer(demo))).toMatchObject({ headersToRemove: [] })
  })

  it('outputClaimToHeaders copies a claim into a header', async () => {
    const r = await run([sample({ outputClaimToHeaders: [{ header: 'x-foo', claim: 'foo' }, { header: 'x-none', claim: 'missing' }] })], bearer(demo))
    expect(r.outcome === 'pass' && r.headersToSet).toEqual({ 'x-foo': 'bar' })
  })

  it('every token found must verify: a good token alongside a bad one is rejected', async () => {
    const policy = sample({ fromHeaders: [{ name: 'authorization', prefix: 'Bearer ' }, { name: 'x-token' }] })
    expect(await run([policy], bearer(demo, { 'x-token': 'deadbeef' }))).toMatchObject({ status: 401 })
  })

  it('with two issuers configured, each token is verified by the rule for its issuer', async () => {
    const both = [sample(), ra('foo', 'own', { jwtRules: [{ issuer: 'own@example', jwks: own.jwks }] })]
    const token = await own.sign({ iss: 'own@example', sub: 'alice', azp: 'web' })
    expect(await run(both, bearer(token))).toMatchObject({ outcome: 'pass', auth: { principal: 'own@example/alice', presenter: 'web' }, rule: { policy: { name: 'own' } } })
  })

  it('keys: an unknown kid gives the JWKS mismatch error; a failed jwksUri fetch uses istiod\'s fake JWKS', async () => {
    const otherKid = ra('foo', 'k', { jwtRules: [{ issuer: SAMPLE_JWT_ISSUER, jwks: own.jwks }] })
    expect(await run([otherKid], bearer(demo))).toMatchObject({ status: 401, body: "Jwks doesn't have key to match kid or alg from Jwt" })
    const failing = new JwksResolver(async () => { throw new Error('404') })
    const viaUri = ra('foo', 'u', { jwtRules: [{ issuer: SAMPLE_JWT_ISSUER, jwksUri: JWKS_URI }] })
    expect(await run([viaUri], bearer(demo), NOW_MS, failing)).toMatchObject({ status: 401, body: JWT_STATUS.kidAlgMismatch })
    expect(JSON.parse(fakeJwks(JWKS_URI)).keys[0].kid).toBe('abc')
  })
})

describe('key types', () => {
  it('verifies ES256 with an EC key and HS256 with an oct key; a key of the wrong family is not used', async () => {
    const ec = await generateKeyPair('ES256')
    const ecJwks = JSON.stringify({ keys: [{ ...(await exportJWK(ec.publicKey)), kid: 'ec' }] })
    const ecToken = await new SignJWT({ iss: 'ec@example', sub: 'u' }).setProtectedHeader({ alg: 'ES256', kid: 'ec' }).sign(ec.privateKey)
    expect(await run([ra('foo', 'ec', { jwtRules: [{ issuer: 'ec@example', jwks: ecJwks }] })], bearer(ecToken))).toMatchObject({ outcome: 'pass' })
    const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!')
    const octJwks = JSON.stringify({ keys: [{ kty: 'oct', k: Buffer.from(secret).toString('base64url') }] })
    const hsToken = await new SignJWT({ iss: 'hs@example', sub: 'u' }).setProtectedHeader({ alg: 'HS256' }).sign(secret)
    expect(await run([ra('foo', 'hs', { jwtRules: [{ issuer: 'hs@example', jwks: octJwks }] })], bearer(hsToken))).toMatchObject({ outcome: 'pass' })
    const rsaAsEc = ra('foo', 'mix', { jwtRules: [{ issuer: 'ec@example', jwks: own.jwks.replace('"own-key"', '"ec"').replace('"RS256"', '"ES256"') }] })
    expect(await run([rsaAsEc], bearer(ecToken))).toMatchObject({ status: 401, body: 'Jwt verification fails' })
  })
})

describe('parseJwt and claims', () => {
  it('reports Envoy\'s parse errors', () => {
    expect(parseJwt('a.b')).toBe(JWT_STATUS.badFormat)
    expect(parseJwt('!!.e30.sig')).toBe(JWT_STATUS.headerBadBase64)
    const header = Buffer.from('{"alg":"none"}').toString('base64url')
    expect(parseJwt(`${header}.e30.sig`)).toBe(JWT_STATUS.headerAlgNotSupported)
    const rs = Buffer.from('{"alg":"RS256"}').toString('base64url')
    expect(parseJwt(`${rs}.${Buffer.from('[1]').toString('base64url')}.sig`)).toBe(JWT_STATUS.payloadBadJson)
    expect(parseJwt(`${rs}.${Buffer.from('{"iss":5}').toString('base64url')}.sig`)).toBe(JWT_STATUS.issNotString)
  })

  it('claimAt follows nested claims as request.auth.claims[a][b] does', () => {
    const claims = { realm_access: { roles: ['admin'] }, flat: 'x' }
    expect(claimAt(claims, ['realm_access', 'roles'])).toEqual(['admin'])
    expect(claimAt(claims, ['flat', 'deeper'])).toBeUndefined()
    expect(claimAt(undefined, ['a'])).toBeUndefined()
  })
})
