import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { authorize, RBAC_DENIED_BODY, type AuthzRequest } from './authz'
import { authorizationPoliciesFor } from './policy-selection'
import { ap } from './test-fixtures'

const PRODUCTPAGE_SA = 'cluster.local/ns/default/sa/bookinfo-productpage'
const get = (path: string, extra: Partial<AuthzRequest> = {}): AuthzRequest =>
  ({ method: 'GET', path, host: 'httpbin.foo:8000', destinationPort: 8080, sourcePrincipal: 'cluster.local/ns/foo/sa/curl', sourceIp: '10.244.0.9', ...extra })
const code = (policies: KubeObject[], req: AuthzRequest) => (authorize(policies, req).allowed ? 200 : 403)

describe('Authorization for HTTP traffic task (Bookinfo)', () => {
  const allowNothing = ap('default', 'allow-nothing', {})
  const productpageViewer = ap('default', 'productpage-viewer', { selector: { matchLabels: { app: 'productpage' } }, action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })
  const detailsViewer = ap('default', 'details-viewer', {
    selector: { matchLabels: { app: 'details' } }, action: 'ALLOW',
    rules: [{ from: [{ source: { principals: [PRODUCTPAGE_SA] } }], to: [{ operation: { methods: ['GET'] } }] }],
  })
  const all = [allowNothing, productpageViewer, detailsViewer]
  const forApp = (app: string) => authorizationPoliciesFor(all, { namespace: 'default', labels: { app } })

  it('allow-nothing (spec: {}) denies every request with 403 RBAC: access denied', () => {
    const d = authorize([allowNothing], get('/productpage'))
    expect(d).toMatchObject({ allowed: false, status: 403, body: 'RBAC: access denied', decidedBy: 'allow-none-matched', unmatchedAllowPolicies: [{ namespace: 'default', name: 'allow-nothing' }] })
  })

  it('productpage-viewer lets GET reach productpage; other methods stay denied', () => {
    expect(code(forApp('productpage'), get('/productpage'))).toBe(200)
    expect(code(forApp('productpage'), get('/productpage', { method: 'POST' }))).toBe(403)
    expect(authorize(forApp('productpage'), get('/productpage')).hit).toMatchObject({ policy: { name: 'productpage-viewer' }, ruleIndex: 0, envoyPolicyName: 'ns[default]-policy[productpage-viewer]-rule[0]' })
  })

  it('details-viewer admits only the bookinfo-productpage service account over mTLS', () => {
    expect(code(forApp('details'), get('/details/0', { sourcePrincipal: PRODUCTPAGE_SA }))).toBe(200)
    expect(code(forApp('details'), get('/details/0', { sourcePrincipal: 'cluster.local/ns/default/sa/bookinfo-reviews' }))).toBe(403)
    expect(code(forApp('details'), get('/details/0', { sourcePrincipal: undefined }))).toBe(403)
  })

  it('reviews, with only allow-nothing applying to it, stays denied', () => {
    expect(code(forApp('reviews'), get('/reviews/0', { sourcePrincipal: PRODUCTPAGE_SA }))).toBe(403)
  })
})

describe('Authorization policies with a deny action task (httpbin in foo)', () => {
  const denyGet = ap('foo', 'deny-method-get', { selector: { matchLabels: { app: 'httpbin' } }, action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })
  const denyUnlessAdmin = ap('foo', 'deny-method-get', {
    selector: { matchLabels: { app: 'httpbin' } }, action: 'DENY',
    rules: [{ to: [{ operation: { methods: ['GET'] } }], when: [{ key: 'request.headers[x-token]', notValues: ['admin'] }] }],
  })
  const allowPathIp = ap('foo', 'allow-path-ip', { selector: { matchLabels: { app: 'httpbin' } }, action: 'ALLOW', rules: [{ to: [{ operation: { paths: ['/ip'] } }] }] })

  it('deny-method-get: GET /get is 403, POST /post is 200', () => {
    expect(authorize([denyGet], get('/get'))).toMatchObject({ allowed: false, decidedBy: 'deny', body: RBAC_DENIED_BODY, hit: { action: 'DENY' } })
    expect(code([denyGet], get('/post', { method: 'POST' }))).toBe(200)
  })

  it('deny GET unless x-token: admin: admin gets 200, guest gets 403', () => {
    expect(code([denyUnlessAdmin], get('/get', { headers: { 'x-token': 'admin' } }))).toBe(200)
    expect(code([denyUnlessAdmin], get('/get', { headers: { 'x-token': 'guest' } }))).toBe(403)
    expect(code([denyUnlessAdmin], get('/get'))).toBe(403)
  })

  it('with allow-path-ip added, admin can GET /ip (200) but not /get (403: no ALLOW rule matches)', () => {
    const both = [denyUnlessAdmin, allowPathIp]
    expect(code(both, get('/ip', { headers: { 'x-token': 'admin' } }))).toBe(200)
    expect(authorize(both, get('/get', { headers: { 'x-token': 'admin' } }))).toMatchObject({ allowed: false, decidedBy: 'allow-none-matched' })
  })

  it('DENY is evaluated before ALLOW: a request both match is denied', () => {
    const allowAll = ap('foo', 'allow-all', { rules: [{}] })
    expect(authorize([allowAll, denyGet], get('/ip'))).toMatchObject({ allowed: false, decidedBy: 'deny' })
    expect(authorize([allowAll], get('/anything'))).toMatchObject({ allowed: true, decidedBy: 'allow' })
  })

  it('a DENY policy without rules matches nothing', () => {
    expect(authorize([ap('foo', 'empty-deny', { action: 'DENY' })], get('/get'))).toMatchObject({ allowed: true, decidedBy: 'no-allow-policy' })
  })
})

describe('Authorization with JWT claims task and Authentication Policy task', () => {
  const demoAuth = { principal: 'testing@secure.istio.io/testing@secure.istio.io', claims: { iss: 'testing@secure.istio.io', sub: 'testing@secure.istio.io', foo: 'bar' } }
  const groupsAuth = { ...demoAuth, claims: { ...demoAuth.claims, groups: ['group1', 'group2'] } }
  const requireJwt = ap('foo', 'require-jwt', { selector: { matchLabels: { app: 'httpbin' } }, action: 'ALLOW', rules: [{ from: [{ source: { requestPrincipals: ['testing@secure.istio.io/testing@secure.istio.io'] } }] }] })
  const requireGroup = ap('foo', 'require-jwt', {
    selector: { matchLabels: { app: 'httpbin' } }, action: 'ALLOW',
    rules: [{ from: [{ source: { requestPrincipals: ['testing@secure.istio.io/testing@secure.istio.io'] } }], when: [{ key: 'request.auth.claims[groups]', values: ['group1'] }] }],
  })

  it('require-jwt: with demo.jwt 200, without a token 403', () => {
    expect(code([requireJwt], get('/headers', { auth: demoAuth }))).toBe(200)
    expect(code([requireJwt], get('/headers'))).toBe(403)
  })

  it('claims[groups] contains group1: demo.jwt (no groups) 403, groups-scope.jwt 200', () => {
    expect(code([requireGroup], get('/headers', { auth: demoAuth }))).toBe(403)
    expect(code([requireGroup], get('/headers', { auth: groupsAuth }))).toBe(200)
  })

  it('frontend-ingress DENY notRequestPrincipals ["*"]: no token 403, a valid token 200; per path only /headers', () => {
    const denyAll = ap('istio-system', 'frontend-ingress', { action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }] }] })
    expect(code([denyAll], get('/headers'))).toBe(403)
    expect(code([denyAll], get('/headers', { auth: demoAuth }))).toBe(200)
    const perPath = ap('istio-system', 'frontend-ingress', { action: 'DENY', rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/headers'] } }] }] })
    expect(code([perPath], get('/headers'))).toBe(403)
    expect(code([perPath], get('/ip'))).toBe(200)
  })

  it('nested claims, audiences and presenter conditions', () => {
    const auth = { ...demoAuth, claims: { ...demoAuth.claims, realm: { roles: ['admin'] } }, audiences: ['bookstore'], presenter: 'web-app' }
    const when = (key: string, values: string[]) => [ap('foo', 'c', { rules: [{ when: [{ key, values }] }] })]
    expect(code(when('request.auth.claims[realm][roles]', ['admin']), get('/', { auth }))).toBe(200)
    expect(code(when('request.auth.claims[realm][roles]', ['user']), get('/', { auth }))).toBe(403)
    expect(code(when('request.auth.audiences', ['book*']), get('/', { auth }))).toBe(200)
    expect(code(when('request.auth.presenter', ['mobile']), get('/', { auth }))).toBe(403)
    expect(code(when('request.auth.principal', ['*/testing@secure.istio.io']), get('/', { auth }))).toBe(200)
  })
})

describe('fields that need mTLS, IPs, ports, hosts and paths', () => {
  const allowFrom = (source: Record<string, unknown>) => [ap('foo', 'a', { rules: [{ from: [{ source }] }] })]
  const denyFrom = (source: Record<string, unknown>) => [ap('foo', 'd', { action: 'DENY', rules: [{ from: [{ source }] }] })]

  it('principals and namespaces never match plain text; their negations always do', () => {
    const plain = get('/', { sourcePrincipal: undefined })
    expect(code(allowFrom({ principals: ['*'] }), plain)).toBe(403)
    expect(code(allowFrom({ namespaces: ['foo'] }), plain)).toBe(403)
    expect(code(allowFrom({ namespaces: ['foo'] }), get('/'))).toBe(200)
    expect(code(denyFrom({ notNamespaces: ['foo'] }), plain)).toBe(403)
    expect(code(denyFrom({ notNamespaces: ['foo'] }), get('/'))).toBe(200)
    expect(code(allowFrom({ namespaces: ['f*'] }), get('/'))).toBe(200)
  })

  it('ipBlocks use the peer address, remoteIpBlocks the original client', () => {
    expect(code(allowFrom({ ipBlocks: ['10.244.0.0/16'] }), get('/'))).toBe(200)
    expect(code(allowFrom({ notIpBlocks: ['10.244.0.9'] }), get('/'))).toBe(403)
    expect(code(allowFrom({ remoteIpBlocks: ['203.0.113.0/24'] }), get('/', { remoteIp: '203.0.113.7' }))).toBe(200)
    expect(code(allowFrom({ remoteIpBlocks: ['203.0.113.0/24'] }), get('/'))).toBe(403)
  })

  it('ports, hosts (case-insensitive), methods and paths with prefix, suffix and templates; the query is ignored', () => {
    const to = (operation: Record<string, unknown>) => [ap('foo', 't', { rules: [{ to: [{ operation }] }] })]
    expect(code(to({ ports: ['8080'] }), get('/'))).toBe(200)
    expect(code(to({ notPorts: ['8080'] }), get('/'))).toBe(403)
    expect(code(to({ hosts: ['HTTPBIN.foo:*'] }), get('/'))).toBe(200)
    expect(code(to({ paths: ['/status/*'] }), get('/status/418?x=1'))).toBe(200)
    expect(code(to({ paths: ['*/json'] }), get('/a/json'))).toBe(200)
    expect(code(to({ paths: ['/ip'] }), get('/ip?format=json'))).toBe(200)
    expect(code(to({ paths: ['/ip'] }), get('/a/../ip'))).toBe(200)
    expect(code(to({ paths: ['/store/{*}/items'] }), get('/store/42/items'))).toBe(200)
    expect(code(to({ paths: ['/store/{*}/items'] }), get('/store/4/2/items'))).toBe(403)
    expect(code(to({ paths: ['/files/{**}'] }), get('/files/a/b/c.txt'))).toBe(200)
    expect(code(to({ notMethods: ['GET'] }), get('/'))).toBe(403)
  })

  it('when: source.namespace, source.principal, destination.port, source.ip and connection.sni', () => {
    const when = (key: string, values: string[]) => [ap('foo', 'w', { rules: [{ when: [{ key, values }] }] })]
    expect(code(when('source.namespace', ['foo']), get('/'))).toBe(200)
    expect(code(when('source.principal', ['cluster.local/ns/foo/sa/curl']), get('/'))).toBe(200)
    expect(code(when('destination.port', ['9000']), get('/'))).toBe(403)
    expect(code(when('source.ip', ['10.244.0.0/24']), get('/'))).toBe(200)
    expect(code(when('connection.sni', ['*.foo.svc.cluster.local']), get('/', { sni: 'outbound_.8000_._.httpbin.foo.svc.cluster.local' }))).toBe(200)
  })

  it('a rule with an unknown when key, or a null rule, is skipped by istiod', () => {
    const bad = [ap('foo', 'bad', { rules: [{ when: [{ key: 'request.nonsense', values: ['x'] }] }] })]
    expect(authorize(bad, get('/'))).toMatchObject({ allowed: false, decidedBy: 'allow-none-matched' })
    expect(authorize([ap('foo', 'nil', { rules: [null] })], get('/'))).toMatchObject({ allowed: false, decidedBy: 'allow-none-matched' })
  })

  it('requestPrincipals patterns split at the last slash', () => {
    const auth = { principal: 'https://accounts.example.com/realms/x/alice', claims: { iss: 'https://accounts.example.com/realms/x', sub: 'alice' } }
    const rp = (v: string) => code(allowFrom({ requestPrincipals: [v] }), get('/', { auth }))
    expect(rp('https://accounts.example.com/realms/x/alice')).toBe(200)
    expect(rp('https://accounts.example.com/realms/x/*')).toBe(200)
    expect(rp('*/alice')).toBe(200)
    expect(rp('*/bob')).toBe(403)
    expect(rp('https://accounts.example.com/*')).toBe(403)
  })
})

describe('TCP, CUSTOM, AUDIT and dry-run', () => {
  const tcp = (extra: Partial<AuthzRequest> = {}): AuthzRequest => ({ protocol: 'tcp', destinationPort: 9000, sourcePrincipal: 'cluster.local/ns/foo/sa/curl', ...extra })

  it('TCP: an ALLOW rule with HTTP-only fields never matches; a DENY rule drops them and denies wider (Authorization for TCP traffic)', () => {
    const allowGet = [ap('foo', 'tcp-policy', { rules: [{ to: [{ operation: { methods: ['GET'], ports: ['9000'] } }] }] })]
    expect(authorize(allowGet, tcp())).toMatchObject({ allowed: false, connectionClosed: true })
    const allowPort = [ap('foo', 'tcp-policy', { rules: [{ to: [{ operation: { ports: ['9000'] } }] }] })]
    expect(authorize(allowPort, tcp()).allowed).toBe(true)
    const denyGet = [ap('foo', 'tcp-policy', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['GET'], ports: ['9000'] } }] }] })]
    expect(authorize(denyGet, tcp()).allowed).toBe(false)
    expect(authorize(denyGet, tcp({ destinationPort: 9001 })).allowed).toBe(true)
  })

  it('CUSTOM with a provider missing from meshConfig denies what it matches; a configured provider is not simulated (allows)', () => {
    const custom = [ap('foo', 'ext-authz', { action: 'CUSTOM', provider: { name: 'sample-ext-authz-http' }, rules: [{ to: [{ operation: { paths: ['/headers'] } }] }] })]
    expect(authorize(custom, get('/headers'))).toMatchObject({ allowed: false, decidedBy: 'custom', status: 403 })
    expect(authorize(custom, get('/ip')).allowed).toBe(true)
    expect(authorize(custom, get('/headers'), { extensionProviders: ['sample-ext-authz-http'] }).allowed).toBe(true)
  })

  it('AUDIT never changes the decision; dry-run policies are reported, not enforced', () => {
    const audit = ap('foo', 'audit-get', { action: 'AUDIT', rules: [{ to: [{ operation: { methods: ['GET'] } }] }] })
    const dry = ap('foo', 'dry-deny', { action: 'DENY', rules: [{}] }, undefined, { 'istio.io/dry-run': 'true' })
    const d = authorize([audit, dry], get('/get'))
    expect(d).toMatchObject({ allowed: true, audited: [{ policy: { name: 'audit-get' } }], dryRun: [{ action: 'DENY', policy: { name: 'dry-deny' } }] })
  })
})
