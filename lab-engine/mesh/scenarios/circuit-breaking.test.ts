// Scenarios from Istio's circuit-breaking task (istio.io/latest/docs/tasks/traffic-management/circuit-breaking/)
// and Envoy's outlier detection, run through the sim CLI's --json path. Each test names the
// documented expectation it checks.
import { describe, expect, it } from 'vitest'
import { CIRCUIT_BREAKER_RULE } from './istio-task-manifests.test-util'
import { simJson, step, type Step } from './sim-json.test-util'

const FORTIO_SETUP = `kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml
kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')
`

const CIRCUIT_BREAKER = CIRCUIT_BREAKER_RULE

const FORTIO = 'kubectl exec "$FORTIO_POD" -c fortio -- /usr/bin/fortio'
const LOAD_C2 = `${FORTIO} load -c 2 -qps 0 -n 20 -loglevel Warning http://httpbin:8000/get`
const LOAD_C3 = `${FORTIO} load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get`
const PENDING_STATS = 'kubectl exec "$FORTIO_POD" -c istio-proxy -- pilot-agent request GET stats | grep httpbin | grep pending'

/** fortio's `Code N : count (pct %)` lines as a map from status code to count. */
function codes(s: Step): Record<string, number> {
  return Object.fromEntries([...s.stderr.matchAll(/^Code (-?\d+) : (\d+) \(/gm)].map((m) => [m[1]!, Number(m[2])]))
}

describe('circuit breaking (connection pool)', () => {
  it('a single fortio curl passes the breaker: HTTP/1.1 200 OK from envoy', async () => {
    const steps = await simJson(`${FORTIO_SETUP}${CIRCUIT_BREAKER}${FORTIO} curl -quiet http://httpbin:8000/get\n`)
    const curl = step(steps, `${FORTIO} curl`)
    // Docs: "You can see the request succeeded!" -- status line and `server: envoy` on the headers (stderr with -quiet).
    expect(curl.exitCode).toBe(0)
    expect(curl.stderr).toMatch(/^HTTP\/1\.1 200 OK\r?\n/)
    expect(curl.stderr).toMatch(/\nserver: envoy\r?\n/)
    expect(JSON.parse(curl.stdout).url).toBe('http://httpbin:8000/get')
  }, 60_000)

  // Three seeds: the shares depend on the simulated timing of connection closes, not on one lucky draw.
  it.each([1, 2, 3])('seed %i: -c 2 is mostly 200 with some 503s; -c 3 trips a clearly larger share; the pending-overflow stat counts them', async (seed) => {
    const steps = await simJson(`${FORTIO_SETUP}${CIRCUIT_BREAKER}${LOAD_C2}\n${LOAD_C3}\n${PENDING_STATS}\n`, { seed })
    const two = codes(step(steps, LOAD_C2))
    const three = codes(step(steps, LOAD_C3))
    // Only 200 and 503 appear, and every call is counted.
    expect(Object.keys(two).sort()).toEqual(['200', '503'])
    expect(two['200']! + two['503']!).toBe(20)
    expect(Object.keys(three).sort()).toEqual(['200', '503'])
    expect(three['200']! + three['503']!).toBe(30)
    // Docs (-c 2): "almost all requests made it through! The istio-proxy does allow for some leeway."
    expect(two['503']).toBeGreaterThan(0)
    expect(two['200']).toBeGreaterThan(two['503']!)
    // Docs (-c 3): "Now you start to see the expected circuit breaking behavior" (63.3% 503 in the docs' run).
    const share2 = two['503']! / 20
    const share3 = three['503']! / 30
    expect(share3).toBeGreaterThan(share2 + 0.1)
    expect(share3).toBeGreaterThan(0.4)
    // Docs: "upstream_rq_pending_overflow ... calls so far have been flagged for circuit breaking" --
    // the client sidecar's counter covers both runs, one per 503.
    const stats = step(steps, PENDING_STATS).stdout
    const overflow = /^cluster\.outbound\|8000\|\|httpbin\.default\.svc\.cluster\.local\.upstream_rq_pending_overflow: (\d+)$/m.exec(stats)
    expect(overflow).not.toBeNull()
    expect(Number(overflow![1])).toBe(two['503']! + three['503']!)
  }, 60_000)

  it('overflow 503s come from the client proxy, not from httpbin, so outlier detection does not eject httpbin', async () => {
    const steps = await simJson(`${FORTIO_SETUP}${CIRCUIT_BREAKER}${LOAD_C3}
${FORTIO} curl -quiet http://httpbin:8000/get
kubectl logs deploy/httpbin -c httpbin | grep -c 'status=200 method=GET uri=/get'
`)
    const overflowed = codes(step(steps, LOAD_C3))['503']!
    expect(overflowed).toBeGreaterThan(0)
    // Envoy outlier detection counts responses from a host; a pending overflow never reached one
    // (flag UO), so consecutive5xxErrors: 1 ejects nothing and the next call still gets 200.
    expect(step(steps, `${FORTIO} curl`).stderr).toMatch(/^HTTP\/1\.1 200 OK\r?\n/)
    // go-httpbin's request log shows only the requests that got through: 30 - overflowed, plus the curl.
    const served = step(steps, 'kubectl logs deploy/httpbin')
    expect(Number(served.stdout.trim())).toBe(30 - overflowed + 1)
  }, 60_000)
})

const SLEEP_SETUP = `kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl scale deploy httpbin --replicas=REPLICAS
kubectl wait --for=condition=Ready pods --all --timeout=300s
`

/** Outlier detection on httpbin; retries are turned off so each curl is one attempt on one host. */
function outlierRule(maxEjectionPercent: number): string {
  return `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  trafficPolicy:
    outlierDetection:
      consecutive5xxErrors: 1
      interval: 1s
      baseEjectionTime: 30s
      maxEjectionPercent: ${maxEjectionPercent}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - httpbin
  http:
  - route:
    - destination:
        host: httpbin
    retries:
      attempts: 0
EOF
`
}

const CURL = 'kubectl exec deploy/sleep -c sleep -- curl -s -w " %{http_code}\\n"'

describe('outlier detection', () => {
  it('one 503 ejects the only endpoint: then `no healthy upstream` until baseEjectionTime passes', async () => {
    const steps = await simJson(`${SLEEP_SETUP.replace('REPLICAS', '1')}${outlierRule(100)}${CURL} httpbin:8000/status/503
${CURL} httpbin:8000/get -o /dev/null
sleep 29
${CURL} httpbin:8000/get -o /dev/null
sleep 2
${CURL} httpbin:8000/get -o /dev/null
`)
    const curls = steps.filter((s) => s.command.startsWith(CURL)).map((s) => s.stdout)
    // The app's own 503 (go-httpbin's /status/503 has an empty body) is the consecutive 5xx that ejects it.
    expect(curls[0]).toBe(' 503\n')
    // Envoy: with every host ejected (and Istio's minHealthPercent 0, no panic mode) the proxy answers itself.
    const ejected = steps.filter((s) => s.command === `${CURL} httpbin:8000/get -o /dev/null`)
    expect(ejected[0]!.stdout).toBe(' 503\n')
    expect(ejected[1]!.stdout).toBe(' 503\n')
    // Envoy outlier docs: the host returns after baseEjectionTime x times ejected (30s here).
    expect(ejected[2]!.stdout).toBe(' 200\n')
  }, 60_000)

  it('the ejected-endpoint 503 is Envoy\'s local `no healthy upstream` answer', async () => {
    const steps = await simJson(`${SLEEP_SETUP.replace('REPLICAS', '1')}${outlierRule(100)}${CURL} httpbin:8000/status/503
${CURL} httpbin:8000/get
`)
    expect(step(steps, `${CURL} httpbin:8000/get`).stdout).toBe('no healthy upstream 503\n')
  }, 60_000)

  it('maxEjectionPercent 50 with two endpoints: one is ejected, the other keeps serving even after its own 503', async () => {
    const steps = await simJson(`${SLEEP_SETUP.replace('REPLICAS', '2')}${outlierRule(50)}${CURL} httpbin:8000/status/503 -o /dev/null
${CURL} httpbin:8000/status/503 -o /dev/null
for i in 1 2 3 4 5 6 7 8; do ${CURL} httpbin:8000/get -o /dev/null; done | sort | uniq -c
`)
    expect(steps.filter((s) => s.command.startsWith(`${CURL} httpbin:8000/status/503`)).map((s) => s.stdout)).toEqual([' 503\n', ' 503\n'])
    // Istio DestinationRule: maxEjectionPercent caps the share of hosts out at once; the second
    // 503 comes from the last healthy host, which stays in, so every following request succeeds.
    expect(step(steps, 'for i').stdout).toBe('      8  200\n')
  }, 60_000)

  it('maxEjectionPercent 100 with two endpoints: a 503 from each ejects both, and the proxy has no healthy upstream', async () => {
    const steps = await simJson(`${SLEEP_SETUP.replace('REPLICAS', '2')}${outlierRule(100)}${CURL} httpbin:8000/status/503 -o /dev/null
${CURL} httpbin:8000/status/503 -o /dev/null
${CURL} httpbin:8000/get
`)
    // After the first ejection only the other host is a candidate, so the second 503 ejects it too.
    expect(step(steps, `${CURL} httpbin:8000/get`).stdout).toBe('no healthy upstream 503\n')
  }, 60_000)
})
