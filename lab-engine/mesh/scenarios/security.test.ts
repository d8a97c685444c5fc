// Scenarios from Istio's security tasks (istio.io/latest/docs/tasks/security/), run through the
// sim CLI's --json path. Each test names the documented expectation it checks.
import { describe, expect, it } from 'vitest'
import { simJson, step } from './sim-json.test-util'

/** The Authentication Policy task's set-up: foo and bar with sidecars, legacy without; httpbin and sleep in each. */
const FOO_BAR_LEGACY = `kubectl create ns foo
kubectl create ns bar
kubectl create ns legacy
kubectl label ns foo istio-injection=enabled
kubectl label ns bar istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml -n foo
kubectl apply -f samples/sleep/sleep.yaml -n foo
kubectl apply -f samples/httpbin/httpbin.yaml -n bar
kubectl apply -f samples/sleep/sleep.yaml -n bar
kubectl apply -f samples/httpbin/httpbin.yaml -n legacy
kubectl apply -f samples/sleep/sleep.yaml -n legacy
kubectl wait --for=condition=Ready pods --all -A --timeout=300s
`

/** The docs' reachability loop: every sleep to every httpbin, one line each. */
const MATRIX = `for from in foo bar legacy; do for to in foo bar legacy; do kubectl exec deploy/sleep -c sleep -n \${from} -- curl -s "http://httpbin.\${to}:8000/ip" -s -o /dev/null -w "sleep.\${from} to httpbin.\${to}: %{http_code}\\n"; done; done
`

function matrixOf(stdout: string): Record<string, string> {
  return Object.fromEntries(stdout.trim().split('\n').map((l) => l.split(': ') as [string, string]))
}

describe('mutual TLS migration', () => {
  it('PERMISSIVE: every client reaches every server; STRICT mesh-wide: legacy clients get 000 (exit 56) to sidecar servers only', async () => {
    const steps = await simJson(`${FOO_BAR_LEGACY}${MATRIX}kubectl apply -n istio-system -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
YAML
${MATRIX}kubectl exec deploy/sleep -c sleep -n legacy -- curl http://httpbin.foo:8000/ip -s -o /dev/null -w "%{http_code}\\n"
`)
    const [before, after] = steps.filter((s) => s.command.startsWith('for from')).map((s) => matrixOf(s.stdout))
    // Docs: "all requests should succeed with return code 200" before any policy.
    expect(Object.values(before!)).toEqual(Array(9).fill('200'))
    // Docs: "requests from the sleep in legacy to httpbin in foo and bar now fail ... command terminated with exit code 56".
    expect(after).toEqual({
      'sleep.foo to httpbin.foo': '200', 'sleep.foo to httpbin.bar': '200', 'sleep.foo to httpbin.legacy': '200',
      'sleep.bar to httpbin.foo': '200', 'sleep.bar to httpbin.bar': '200', 'sleep.bar to httpbin.legacy': '200',
      'sleep.legacy to httpbin.foo': '000', 'sleep.legacy to httpbin.bar': '000', 'sleep.legacy to httpbin.legacy': '200',
    })
    const legacy = step(steps, 'kubectl exec deploy/sleep -c sleep -n legacy')
    expect(legacy.exitCode).toBe(56)
    expect(legacy.stdout).toBe('000\n')
    expect(legacy.stderr).toBe('command terminated with exit code 56\n')
  })

  it('namespace-wide STRICT in foo only: legacy still reaches bar; mTLS traffic carries the client identity to httpbin', async () => {
    const steps = await simJson(`${FOO_BAR_LEGACY}kubectl apply -n foo -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: STRICT
YAML
${MATRIX}kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.bar:8000/headers
`)
    const m = matrixOf(step(steps, 'for from').stdout)
    expect(m['sleep.legacy to httpbin.foo']).toBe('000')
    expect(m['sleep.legacy to httpbin.bar']).toBe('200')
    // Docs ("Auto mutual TLS"): the X-Forwarded-Client-Cert header httpbin echoes names the client's SPIFFE identity.
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.bar:8000/headers').stdout)
      .toMatch(/"X-Forwarded-Client-Cert": \[\s*"By=spiffe:\/\/cluster\.local\/ns\/bar\/sa\/httpbin;Hash=[0-9a-f]+;Subject=\\"\\";URI=spiffe:\/\/cluster\.local\/ns\/foo\/sa\/sleep"/)
  })
})

describe('authorization', () => {
  it('a DENY policy on GET /get answers 403 RBAC: access denied; other paths still work', async () => {
    const steps = await simJson(`${FOO_BAR_LEGACY}kubectl apply -n foo -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-get
spec:
  selector:
    matchLabels:
      app: httpbin
  action: DENY
  rules:
  - to:
    - operation:
        methods: ["GET"]
        paths: ["/get"]
YAML
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/get -w " %{http_code}"
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/ip -o /dev/null -w "%{http_code}"
`)
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/get').stdout).toBe('RBAC: access denied 403')
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/ip').stdout).toBe('200')
  })

  it('an empty ALLOW-nothing policy denies everything; allowing the foo namespace lets only foo in (needs mTLS identity)', async () => {
    const steps = await simJson(`${FOO_BAR_LEGACY}kubectl apply -n bar -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
spec: {}
YAML
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.bar:8000/ip -o /dev/null -w "%{http_code}"
kubectl apply -n bar -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-foo
spec:
  action: ALLOW
  rules:
  - from:
    - source:
        namespaces: ["foo"]
YAML
${MATRIX}`)
    // Docs: "allow-nothing ... denies all requests to workloads in the namespace".
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.bar').stdout).toBe('403')
    const m = matrixOf(step(steps, 'for from').stdout)
    expect(m['sleep.foo to httpbin.bar']).toBe('200')
    expect(m['sleep.bar to httpbin.bar']).toBe('403')
    // Plain text from legacy carries no identity: `namespaces` cannot match it.
    expect(m['sleep.legacy to httpbin.bar']).toBe('403')
  })
})

describe('request authentication and JWT authorization', () => {
  const JWT_SETUP = `kubectl apply -n foo -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: jwt-example
spec:
  selector:
    matchLabels:
      app: httpbin
  jwtRules:
  - issuer: "testing@secure.istio.io"
    jwksUri: "https://raw.githubusercontent.com/istio/istio/release-1.26/security/tools/jwt/samples/jwks.json"
YAML
TOKEN=$(curl https://raw.githubusercontent.com/istio/istio/release-1.26/security/tools/jwt/samples/demo.jwt -s)
TOKEN_GROUP=$(curl https://raw.githubusercontent.com/istio/istio/release-1.26/security/tools/jwt/samples/groups-scope.jwt -s)
`

  it('an invalid token is 401; no token passes authentication; a valid token is 200', async () => {
    const steps = await simJson(`${FOO_BAR_LEGACY}${JWT_SETUP}kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer invalidToken" -w " %{http_code}"
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -o /dev/null -w "no token %{http_code}"
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer $TOKEN" -o /dev/null -w "token %{http_code}"
`)
    // Docs: "If you don't provide a token, the request is accepted ... an invalid token is rejected with 401".
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer invalidToken"').stdout).toMatch(/ 401$/)
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -o').stdout).toBe('no token 200')
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer $TOKEN"').stdout).toBe('token 200')
  })

  it('requiring a requestPrincipal rejects tokenless requests (403); a groups claim rule admits only group1 tokens', async () => {
    const steps = await simJson(`${FOO_BAR_LEGACY}${JWT_SETUP}kubectl apply -n foo -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: require-jwt
spec:
  selector:
    matchLabels:
      app: httpbin
  action: ALLOW
  rules:
  - from:
    - source:
        requestPrincipals: ["testing@secure.istio.io/testing@secure.istio.io"]
    when:
    - key: request.auth.claims[groups]
      values: ["group1"]
YAML
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -o /dev/null -w "none %{http_code}"
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer $TOKEN" -o /dev/null -w "demo %{http_code}"
kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer $TOKEN_GROUP" -o /dev/null -w "group %{http_code}"
`)
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -o').stdout).toBe('none 403')
    // Docs (JWT claim based routing / authorization with groups): demo.jwt has no groups claim, groups-scope.jwt has group1.
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer $TOKEN"').stdout).toBe('demo 403')
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -n foo -- curl -s http://httpbin.foo:8000/headers -H "Authorization: Bearer $TOKEN_GROUP"').stdout).toBe('group 200')
  })
})
