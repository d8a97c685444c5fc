// Scenarios from Istio's egress, retries and mirroring tasks, run through the sim CLI's --json path.
// Each test names the documented expectation it checks.
import { describe, expect, it } from 'vitest'
import { BOOKINFO, simJson, step } from './sim-json.test-util'

const SLEEP = `kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/sleep/sleep.yaml
kubectl apply -f samples/httpbin/httpbin.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
`

describe('egress control', () => {
  it('ALLOW_ANY reaches public sites; REGISTRY_ONLY blocks them (https exit 35, http 502) until a ServiceEntry opens one', async () => {
    const steps = await simJson(`${SLEEP}kubectl exec deploy/sleep -c sleep -- curl -sSI https://www.google.com | grep "HTTP/"
istioctl install --set profile=demo --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y
kubectl exec deploy/sleep -c sleep -- curl -sSI https://www.google.com | grep "HTTP/"
kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w "%{http_code}" http://httpbin.org/headers
kubectl apply -f - <<'YAML'
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: httpbin-ext
spec:
  hosts:
  - httpbin.org
  ports:
  - number: 80
    name: http
    protocol: HTTP
  resolution: DNS
  location: MESH_EXTERNAL
YAML
kubectl exec deploy/sleep -c sleep -- curl -s http://httpbin.org/headers -o /dev/null -w "%{http_code}"
kubectl exec deploy/sleep -c sleep -- curl -sI https://edition.cnn.com -o /dev/null -w "%{http_code}"
`)
    const probes = steps.filter((s) => s.command.startsWith('kubectl exec deploy/sleep -c sleep -- curl -sSI https://www.google.com'))
    // Docs: with ALLOW_ANY "you should see 200 OK"; with REGISTRY_ONLY "command terminated with exit code 35".
    expect(probes[0]!.stdout).toBe('HTTP/2 200 \r\n')
    expect(probes[1]!.stdout).toBe('')
    expect(probes[1]!.exitCode).toBe(1)
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w "%{http_code}" http://httpbin.org').stdout).toBe('502')
    // Docs: after the ServiceEntry, "the request to httpbin.org succeeds"; other sites stay blocked.
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -- curl -s http://httpbin.org/headers').stdout).toBe('200')
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -- curl -sI https://edition.cnn.com').exitCode).toBe(35)
  })
})

describe('retries', () => {
  it('Istio retries a 503 twice by default, and a VirtualService can raise attempts', async () => {
    const steps = await simJson(`${SLEEP}for i in $(seq 40); do kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w "%{http_code}\\n" "http://httpbin:8000/status/503,200"; done | sort | uniq -c
kubectl apply -f - <<'YAML'
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
YAML
for i in $(seq 40); do kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w "%{http_code}\\n" "http://httpbin:8000/status/503,200"; done | sort | uniq -c
`)
    const [withDefault, without] = steps.filter((s) => s.command.startsWith('for i')).map((s) => Object.fromEntries(s.stdout.trim().split('\n').map((l) => l.trim().split(' ').reverse())))
    // Half the answers are 503; with 2 retries only 1 in 8 requests still fails, with none about half.
    expect(Number(withDefault!['503'] ?? 0)).toBeLessThan(Number(without!['503'] ?? 0))
    expect(Number(without!['503'])).toBeGreaterThan(8)
  })
})

describe('mirroring', () => {
  it('with 100% mirroring to v2, v1 answers and v2 also receives the request (its access log shows it)', async () => {
    const steps = await simJson(`kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/sleep/sleep.yaml
kubectl apply -f - <<'YAML'
${['v1', 'v2'].map((v) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: httpbin-${v}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: httpbin
      version: ${v}
  template:
    metadata:
      labels:
        app: httpbin
        version: ${v}
    spec:
      containers:
      - image: docker.io/kennethreitz/httpbin
        imagePullPolicy: IfNotPresent
        name: httpbin
        command: ["gunicorn", "--access-logfile", "-", "-b", "0.0.0.0:80", "httpbin:app"]
        ports:
        - containerPort: 80
---
`).join('')}apiVersion: v1
kind: Service
metadata:
  name: httpbin
  labels:
    app: httpbin
spec:
  ports:
  - name: http
    port: 8000
    targetPort: 80
  selector:
    app: httpbin
YAML
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl apply -f - <<'YAML'
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: httpbin
spec:
  host: httpbin
  subsets:
  - name: v1
    labels:
      version: v1
  - name: v2
    labels:
      version: v2
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
        subset: v1
      weight: 100
    mirror:
      host: httpbin
      subset: v2
    mirrorPercentage:
      value: 100.0
YAML
kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w "%{http_code}" http://httpbin:8000/headers
sleep 1
kubectl logs deploy/httpbin-v1 -c httpbin | grep -c 'GET /headers'
kubectl logs deploy/httpbin-v2 -c httpbin | grep -c 'GET /headers'
`, { seed: 3 })
    expect(step(steps, 'kubectl exec deploy/sleep').stdout).toBe('200')
    // Docs (Mirroring task): "the logs of v2 ... show the mirrored request", and v1 served the original.
    expect(step(steps, 'kubectl logs deploy/httpbin-v1').stdout).toBe('1\n')
    expect(step(steps, 'kubectl logs deploy/httpbin-v2').stdout).toBe('1\n')
  })
})

describe('egress gateway', () => {
  it('routes edition.cnn.com through istio-egressgateway: the client sees the site, the gateway logs the request', async () => {
    const steps = await simJson(`kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl apply -f - <<'YAML'
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: cnn
spec:
  hosts:
  - edition.cnn.com
  ports:
  - number: 80
    name: http-port
    protocol: HTTP
  - number: 443
    name: https
    protocol: HTTPS
  resolution: DNS
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: istio-egressgateway
spec:
  selector:
    istio: egressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - edition.cnn.com
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egressgateway-for-cnn
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: cnn
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: direct-cnn-through-egress-gateway
spec:
  hosts:
  - edition.cnn.com
  gateways:
  - istio-egressgateway
  - mesh
  http:
  - match:
    - gateways:
      - mesh
      port: 80
    route:
    - destination:
        host: istio-egressgateway.istio-system.svc.cluster.local
        subset: cnn
        port:
          number: 80
      weight: 100
  - match:
    - gateways:
      - istio-egressgateway
      port: 80
    route:
    - destination:
        host: edition.cnn.com
        port:
          number: 80
      weight: 100
YAML
kubectl exec deploy/sleep -c sleep -- curl -sSL -o /dev/null -D - http://edition.cnn.com/politics | grep '^HTTP/'
kubectl logs -l istio=egressgateway -c istio-proxy -n istio-system --tail=1
`)
    // Docs (Egress Gateways task): "The output should be the same as in the step 2" (301 then the https page),
    // and the egress gateway's log shows the request to edition.cnn.com.
    expect(step(steps, 'kubectl exec deploy/sleep').stdout).toBe('HTTP/1.1 301 Moved Permanently\r\nHTTP/2 200 \r\n')
    expect(step(steps, 'kubectl logs -l istio=egressgateway').stdout).toMatch(/"GET \/politics HTTP\/1\.1" 301 .*"edition\.cnn\.com" "151\.101\.\d+\.5:80" outbound\|80\|\|edition\.cnn\.com /)
  })
})
