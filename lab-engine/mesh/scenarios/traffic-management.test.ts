// Scenarios from Istio's traffic-management tasks (istio.io/latest/docs/tasks/traffic-management/),
// run through the sim CLI's --json path. Each test names the documented expectation it checks.
import { describe, expect, it } from 'vitest'
import { BOOKINFO, simJson, step } from './sim-json.test-util'

/** Signs in to productpage as jason (the docs' "Sign in" button): the session cookie for later requests. */
const LOGIN_JASON = `COOKIE=$(kubectl exec deploy/sleep -c sleep -- curl -si -d 'username=jason&passwd=x' productpage:9080/login | grep -i '^set-cookie' | sed 's/^[^:]*: //; s/;.*//')
`

describe('request routing', () => {
  it('all-v1 routes every request to reviews v1 (no stars); jason gets v2 (black stars) after reviews-test-v2', async () => {
    const steps = await simJson(`${BOOKINFO}kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml
for i in 1 2 3 4 5 6 7 8; do kubectl exec deploy/sleep -c sleep -- curl -s reviews:9080/reviews/0 | grep -o 'reviews-v[0-9]'; done | sort | uniq -c
kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml
kubectl exec deploy/sleep -c sleep -- curl -s -H 'end-user: jason' reviews:9080/reviews/0
kubectl exec deploy/sleep -c sleep -- curl -s -H 'end-user: someone' reviews:9080/reviews/0
${LOGIN_JASON}kubectl exec deploy/sleep -c sleep -- curl -s -H "Cookie: $COOKIE" productpage:9080/productpage | grep -o 'text-[a-z]*-500' | uniq -c
kubectl exec deploy/sleep -c sleep -- curl -s productpage:9080/productpage | grep -c 'text-[a-z]*-500'
`)
    // Docs: "you will notice that the reviews part of the page displays with no rating stars, no matter how many times you refresh".
    expect(step(steps, 'for i').stdout).toBe('      8 reviews-v1\n')
    // Docs: "Log in as user jason ... the black star ratings appear next to each review".
    expect(step(steps, "kubectl exec deploy/sleep -c sleep -- curl -s -H 'end-user: jason'").stdout).toMatch(/reviews-v2.*"color": "black"/)
    expect(step(steps, "kubectl exec deploy/sleep -c sleep -- curl -s -H 'end-user: someone'").stdout).toContain('reviews-v1')
    // Through the page: signed in as jason, both reviews carry black stars; signed out, none.
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -- curl -s -H "Cookie').stdout).toBe('      2 text-black-500\n')
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -- curl -s productpage').stdout).toBe('0\n')
  })

  it('without any route rules, reviews traffic is spread over v1, v2 and v3', async () => {
    const steps = await simJson(`${BOOKINFO}for i in $(seq 30); do kubectl exec deploy/sleep -c sleep -- curl -s reviews:9080/reviews/0 | grep -o 'reviews-v[0-9]'; done | sort | uniq -c | wc -l
`)
    expect(step(steps, 'for i').stdout.trim()).toBe('3')
  })
})

describe('traffic shifting', () => {
  it('50/50 between v1 and v3 sends roughly half to each; 100% v3 sends all to v3', async () => {
    const steps = await simJson(`${BOOKINFO}kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-50-v3.yaml
for i in $(seq 100); do kubectl exec deploy/sleep -c sleep -- curl -s reviews:9080/reviews/0 | grep -o 'reviews-v[0-9]'; done | sort | uniq -c
kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-v3.yaml
for i in $(seq 10); do kubectl exec deploy/sleep -c sleep -- curl -s reviews:9080/reviews/0 | grep -o 'reviews-v[0-9]'; done | sort | uniq -c
`)
    const split = step(steps, 'for i in $(seq 100)').stdout
    const v1 = Number(/(\d+) reviews-v1/.exec(split)?.[1])
    const v3 = Number(/(\d+) reviews-v3/.exec(split)?.[1])
    expect(v1 + v3).toBe(100)
    // Binomial(100, 0.5): 99.9% of honest draws lie within 50 +/- 17.
    expect(Math.abs(v1 - 50)).toBeLessThanOrEqual(17)
    expect(step(steps, 'for i in $(seq 10)').stdout).toBe('     10 reviews-v3\n')
  })
})

describe('fault injection', () => {
  it('a 7s delay for jason: reviews (10s timeout to ratings) answers after ~7s; productpage gives up on reviews', async () => {
    const steps = await simJson(`${BOOKINFO}kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-ratings-test-delay.yaml
kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'end-user: jason' reviews:9080/reviews/0
${LOGIN_JASON}kubectl exec deploy/sleep -c sleep -- curl -s -H "Cookie: $COOKIE" productpage:9080/productpage | grep -o 'Sorry, product reviews are currently unavailable for this book.'
kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{time_total}' productpage:9080/productpage
`)
    const [code, seconds] = step(steps, "kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{http_code} %{time_total}'").stdout.split(' ')
    expect(code).toBe('200')
    expect(Number(seconds)).toBeGreaterThanOrEqual(7)
    expect(Number(seconds)).toBeLessThan(7.5)
    // Docs: "the Reviews section displays an error message: Sorry, product reviews are currently unavailable for this book."
    const page = step(steps, 'kubectl exec deploy/sleep -c sleep -- curl -s -H "Cookie')
    expect(page.stdout).toBe('Sorry, product reviews are currently unavailable for this book.\n')
    // productpage's 3s timeout plus one retry: about 6s for the page (the docs' "about 6 seconds").
    expect(page.elapsedMs).toBeGreaterThanOrEqual(6000)
    expect(page.elapsedMs).toBeLessThan(7000)
    expect(Number(step(steps, "kubectl exec deploy/sleep -c sleep -- curl -s -o /dev/null -w '%{time_total}' productpage").stdout)).toBeLessThan(1)
  })

  it('an abort for jason returns 500 from ratings and the page says ratings are unavailable', async () => {
    const steps = await simJson(`${BOOKINFO}kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-ratings-test-abort.yaml
kubectl exec deploy/sleep -c sleep -- curl -s -w ' %{http_code}' -H 'end-user: jason' ratings:9080/ratings/0
kubectl exec deploy/sleep -c sleep -- curl -s -w ' %{http_code}' ratings:9080/ratings/0
${LOGIN_JASON}kubectl exec deploy/sleep -c sleep -- curl -s -H "Cookie: $COOKIE" productpage:9080/productpage | grep -o 'Ratings service is currently unavailable' | uniq
`)
    expect(step(steps, "kubectl exec deploy/sleep -c sleep -- curl -s -w ' %{http_code}' -H").stdout).toBe('fault filter abort 500')
    expect(step(steps, "kubectl exec deploy/sleep -c sleep -- curl -s -w ' %{http_code}' ratings").stdout).toMatch(/ 200$/)
    expect(step(steps, 'kubectl exec deploy/sleep -c sleep -- curl -s -H "Cookie').stdout).toBe('Ratings service is currently unavailable\n')
  })
})

describe('request timeouts', () => {
  it('a 0.5s route timeout on reviews against a 2s ratings delay: 504 upstream request timeout after 0.5s', async () => {
    const steps = await simJson(`${BOOKINFO}kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml
cat <<'YAML' | kubectl apply -f -
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: v2
    timeout: 0.5s
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts:
  - ratings
  http:
  - fault:
      delay:
        percentage:
          value: 100
        fixedDelay: 2s
    route:
    - destination:
        host: ratings
        subset: v1
YAML
kubectl exec deploy/sleep -c sleep -- curl -s -w ' %{http_code} %{time_total}' reviews:9080/reviews/0
`)
    const [body, code, seconds] = step(steps, 'kubectl exec').stdout.split(/ (?=\d)/)
    expect(body).toBe('upstream request timeout')
    expect(code).toBe('504')
    expect(Number(seconds)).toBeGreaterThanOrEqual(0.5)
    expect(Number(seconds)).toBeLessThan(0.6)
  })
})

describe('ingress gateway', () => {
  it('the Bookinfo gateway serves /productpage at $INGRESS_HOST:$INGRESS_PORT and 404s other paths', async () => {
    const steps = await simJson(`${BOOKINFO}kubectl apply -f samples/bookinfo/networking/bookinfo-gateway.yaml
export INGRESS_HOST=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}')
export INGRESS_PORT=$(kubectl -n istio-system get service istio-ingressgateway -o jsonpath='{.spec.ports[?(@.name=="http2")].port}')
curl -s "http://$INGRESS_HOST:$INGRESS_PORT/productpage" | grep -o '<title>.*</title>'
curl -s -o /dev/null -w '%{http_code}' "http://$INGRESS_HOST:$INGRESS_PORT/admin"
curl -s -o /dev/null -w '%{http_code}' "http://$INGRESS_HOST:8443/productpage"
`)
    expect(step(steps, 'curl -s "http').stdout).toBe('<title>Simple Bookstore App</title>\n')
    expect(step(steps, "curl -s -o /dev/null -w '%{http_code}' \"http://$INGRESS_HOST:$INGRESS_PORT/admin").stdout).toBe('404')
    // No Gateway server on 443 (Service port 443 -> 8443): nothing listens, the connection is refused.
    expect(step(steps, "curl -s -o /dev/null -w '%{http_code}' \"http://$INGRESS_HOST:8443").exitCode).toBe(7)
  })
})
