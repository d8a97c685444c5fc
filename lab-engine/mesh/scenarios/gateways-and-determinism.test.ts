// Scenarios: the secure ingress gateway task, and determinism of mesh output (same script, same seed).
import { describe, expect, it } from 'vitest'
import { BOOKINFO, simJson, step } from './sim-json.test-util'

describe('secure gateway (SIMPLE TLS)', () => {
  it('terminates TLS with the credential the Gateway names; without the secret the handshake fails', async () => {
    const steps = await simJson(`kubectl apply -f samples/httpbin/httpbin.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl apply -f - <<'YAML'
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: mygateway
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 443
      name: https
      protocol: HTTPS
    tls:
      mode: SIMPLE
      credentialName: httpbin-credential
    hosts:
    - httpbin.example.com
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - "httpbin.example.com"
  gateways:
  - mygateway
  http:
  - match:
    - uri:
        prefix: /status
    route:
    - destination:
        port:
          number: 8000
        host: httpbin
YAML
export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
export SECURE_INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="https")].port}')
curl -s -k -o /dev/null -w "%{http_code}" --resolve "httpbin.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" "https://httpbin.example.com:$SECURE_INGRESS_PORT/status/418"
printf -- '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n' > example.com.crt
printf -- '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n' > example.com.key
kubectl create -n istio-system secret tls httpbin-credential --key=example.com.key --cert=example.com.crt
curl -s -k -o /dev/null -w "%{http_code}" --resolve "httpbin.example.com:$SECURE_INGRESS_PORT:$INGRESS_HOST" "https://httpbin.example.com:$SECURE_INGRESS_PORT/status/418"
`)
    const probes = steps.filter((s) => s.command.startsWith('curl -s -k'))
    // The sim does not verify certificates (the docs' openssl steps are replaced by placeholder PEM files).
    expect(step(steps, 'kubectl create -n istio-system secret tls').stdout).toBe('secret/httpbin-credential created\n')
    // Docs (Secure Gateways, troubleshooting): without the credential the gateway cannot complete the handshake.
    expect(probes[0]!.exitCode).toBe(35)
    // Docs: "curl ... https://httpbin.example.com:$SECURE_INGRESS_PORT/status/418" answers 418 once the secret exists.
    expect(probes[1]!.stdout).toBe('418')
  })
})

describe('determinism', () => {
  it('the same script and seed print byte-identical output; another seed may differ', async () => {
    const script = `${BOOKINFO}kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-90-10.yaml
for i in $(seq 40); do kubectl exec deploy/sleep -c sleep -- curl -s -w ' %{time_total}\\n' reviews:9080/reviews/0 | grep -o 'reviews-v[0-9].* [0-9.]*$'; done
`
    const [a, b, c] = await Promise.all([simJson(script, { seed: 11 }), simJson(script, { seed: 11 }), simJson(script, { seed: 12 })])
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    expect(step(c, 'for i').stdout).not.toBe(step(a, 'for i').stdout)
  })
})
