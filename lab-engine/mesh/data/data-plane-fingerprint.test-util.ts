// A fingerprint of what the data plane did for a mix of mesh configurations: every command's
// output, the session's Rng state and simulated clock afterwards, and the Istio metrics.
//
// Why: the data plane's hot path is tuned for speed (memoised lookups, interned keys, shared
// lists), and none of that may change a request's outcome, its timing or the order of Rng
// draws. The mix covers the paths the tuning touches and hops that wait: Bookinfo pages
// (3 hops, no policy), a weighted split, header and query-parameter routes, a 2 s delay fault
// on half the ratings calls, a 30% abort with retries, per-try and route timeouts, an
// AuthorizationPolicy (its header map built, a POST denied), circuit breaking with fortio -c 3
// (pool queueing, connection closes) and outlier detection ejecting the host.
import { createHash } from 'node:crypto'
import path from 'node:path'
import { sampleFiles } from '../../cli'
import { createSimSession } from '../../sim/session'

const FILES = sampleFiles(path.resolve(import.meta.dirname, '../../../content/samples'))

const yaml = (doc: string) => `kubectl apply -f - <<'END'\n${doc}\nEND\n`

const SETUP = `istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
kubectl apply -f samples/httpbin/httpbin.yaml
kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')
`

const PAGE = 'kubectl exec deploy/sleep -- curl -s -o /dev/null -w "%{http_code} %{time_total}\\n" productpage:9080/productpage'
const JASON = 'kubectl exec deploy/sleep -- curl -s -o /dev/null -w "%{http_code} %{time_total}\\n" -H "end-user: jason" reviews:9080/reviews/0'

const FAULTS = yaml(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - match:
    - headers:
        end-user:
          exact: jason
    route:
    - destination: {host: reviews, subset: v2}
  - match:
    - queryParams:
        v:
          exact: "3"
    route:
    - destination: {host: reviews, subset: v3}
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 50
    - destination: {host: reviews, subset: v3}
      weight: 50
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: [ratings]
  http:
  - fault:
      delay: {percentage: {value: 50}, fixedDelay: 2s}
    route:
    - destination: {host: ratings, subset: v1}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts: [httpbin]
  http:
  - fault:
      abort: {percentage: {value: 30}, httpStatus: 503}
    retries: {attempts: 3, perTryTimeout: 1s, retryOn: 5xx}
    timeout: 2s
    route:
    - destination: {host: httpbin}`)

const BREAKER_AND_POLICY = yaml(`apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  trafficPolicy:
    connectionPool:
      tcp: {maxConnections: 1}
      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
    outlierDetection:
      consecutive5xxErrors: 1
      interval: 1s
      baseEjectionTime: 3m
      maxEjectionPercent: 100
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: details-get-only
spec:
  selector:
    matchLabels: {app: details}
  action: ALLOW
  rules:
  - to:
    - operation: {methods: [GET]}`)

const SCRIPT = [
  PAGE, PAGE, PAGE,
  FAULTS,
  PAGE, PAGE, JASON, JASON,
  'kubectl exec deploy/sleep -- curl -s "reviews:9080/reviews/0?v=3"',
  'kubectl exec deploy/sleep -- curl -s -w "\\n%{http_code}\\n" httpbin:8000/status/200',
  BREAKER_AND_POLICY,
  'kubectl exec "$FORTIO_POD" -c fortio -- /usr/bin/fortio load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get',
  'kubectl exec deploy/sleep -- curl -s -X POST -w "%{http_code}\\n" details:9080/details/0',
  PAGE, PAGE,
  'kubectl exec "$FORTIO_POD" -c istio-proxy -- pilot-agent request GET stats | grep httpbin | grep -E "pending|outlier|retry"',
].join('\n')

export interface Fingerprint {
  /** sha256 of every command's stdout, stderr and exit code, in order. */
  outputs: string
  rng: { a: number; b: number; c: number; d: number }
  clockMs: number
  /** istio_requests_total by reporter, source, destination and response code. */
  requests: string[]
}

/** The fingerprint of one run, and how many of its sleeps the scheduler took at once. */
export async function dataPlaneFingerprint(seed: number): Promise<{ fingerprint: Fingerprint; sleepsTakenAtOnce: number }> {
  const s = createSimSession({ seed, files: FILES })
  const failed = (await s.run(SETUP)).find((r) => r.exitCode !== 0)
  if (failed) throw new Error(`setup failed: ${failed.command}\n${failed.stderr}`)
  const hash = createHash('sha256')
  for (const r of await s.run(SCRIPT)) hash.update(`${r.command}\n${r.exitCode}\n${r.stdout}\n${r.stderr}\n`)
  const q = s.telemetry.query('sum by (reporter, source_workload, destination_workload, response_code) (istio_requests_total)', s.clock.now()) as { result?: { metric: Record<string, string>; value: [number, string] }[] }
  const requests = (q.result ?? []).map((r) => `${r.metric.reporter} ${r.metric.source_workload} -> ${r.metric.destination_workload} ${r.metric.response_code}: ${r.value[1]}`).sort()
  const fingerprint = { outputs: hash.digest('hex'), rng: s.rng.snapshot(), clockMs: s.clock.now(), requests }
  const sleepsTakenAtOnce = s.network.scheduler.sleepsTakenAtOnce
  s.dispose()
  return { fingerprint, sleepsTakenAtOnce }
}
