import { describe, expect, it } from 'vitest'
import { DEMO_JWT, GROUPS_SCOPE_JWT, SAMPLE_JWKS_JSON, SAMPLE_JWT_ISSUER } from '../apps/jwt-samples'
import { checkInbound, type InboundInput } from './inbound'
import { ap, ra } from './test-fixtures'

const NOW_MS = Date.UTC(2026, 0, 1)
const jwtExample = ra('istio-system', 'jwt-example', { selector: { matchLabels: { istio: 'ingressgateway' } }, jwtRules: [{ issuer: SAMPLE_JWT_ISSUER, jwks: SAMPLE_JWKS_JSON }] })
const frontendIngress = ap('istio-system', 'frontend-ingress', { selector: { matchLabels: { istio: 'ingressgateway' } }, action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] })

function input(headers: Record<string, string>, extra: Partial<InboundInput> = {}): InboundInput {
  return {
    nowMs: NOW_MS, requestAuthentications: [jwtExample], authorizationPolicies: [frontendIngress],
    request: { method: 'GET', path: '/headers', host: '172.18.0.7', headers, destinationPort: 8080, sourceIp: '10.244.0.1' },
    ...extra,
  }
}
const status = async (i: InboundInput) => { const r = await checkInbound(i); return r.outcome === 'allow' ? 200 : r.status }

describe('inbound filter order (Authentication Policy task, "Require a valid token")', () => {
  it('no token: authentication passes, then the DENY notRequestPrincipals rule answers 403', async () => {
    const r = await checkInbound(input({}))
    expect(r).toMatchObject({ outcome: 'reject', status: 403, body: 'RBAC: access denied', authn: { outcome: 'pass' }, authz: { decidedBy: 'deny' } })
  })

  it('an invalid token is answered 401 by jwt_authn before authorization runs', async () => {
    const r = await checkInbound(input({ authorization: 'Bearer deadbeef' }))
    expect(r).toMatchObject({ outcome: 'reject', status: 401 })
    expect(r.outcome === 'reject' && r.authz).toBeUndefined()
  })

  it('demo.jwt: 200, with the token header removed before the request goes on', async () => {
    const r = await checkInbound(input({ authorization: `Bearer ${DEMO_JWT.trim()}` }))
    expect(r).toMatchObject({ outcome: 'allow', headersToRemove: ['authorization'], authz: { allowed: true } })
  })

  it('claims reach authorization: groups-scope.jwt passes a group1 rule, demo.jwt does not', async () => {
    const requireGroup = ap('foo', 'require-jwt', { rules: [{ when: [{ key: 'request.auth.claims[groups]', values: ['group1'] }] }] })
    const withGroup = input({ authorization: `Bearer ${GROUPS_SCOPE_JWT.trim()}` }, { authorizationPolicies: [requireGroup] })
    expect(await status(withGroup)).toBe(200)
    expect(await status(input({ authorization: `Bearer ${DEMO_JWT.trim()}` }, { authorizationPolicies: [requireGroup] }))).toBe(403)
  })

  it('a TCP connection skips JWT and a denial closes it', async () => {
    const denyAll = ap('foo', 'deny-all', { action: 'DENY', rules: [{}] })
    const tcp: InboundInput = { ...input({}), authorizationPolicies: [denyAll], request: { protocol: 'tcp', destinationPort: 9000 } }
    const r = await checkInbound(tcp)
    expect(r).toMatchObject({ outcome: 'reject', status: 0, authz: { connectionClosed: true } })
    expect(r.outcome === 'reject' && r.authn).toBeUndefined()
  })
})
