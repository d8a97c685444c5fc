// Decision traces recorded by the data plane, explained in words: why a request got its answer.
import { afterEach, describe, expect, it } from 'vitest'
import { sampleFiles } from '../../cli'
import { createSimSession, type SimSession } from '../../sim/session'
import { explainDecisionTrace, type DecisionTrace } from '../../telemetry/decision-trace'

let session: SimSession | undefined
afterEach(() => session?.dispose())

async function traced(script: string): Promise<DecisionTrace[]> {
  session = createSimSession({ seed: 1, files: sampleFiles(`${import.meta.dirname}/../../../content/samples`) })
  await session.run(`istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
`)
  const traces: DecisionTrace[] = []
  session.network.onTrace((t) => traces.push(t))
  await session.run(script)
  return traces.filter((t) => t.from.startsWith('default/sleep-'))
}

describe('decision traces', () => {
  it('name the VirtualService rule, the weight draw and the endpoint of a routed request', async () => {
    const [t] = await traced('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-90-10.yaml\nkubectl exec deploy/sleep -c sleep -- curl -s reviews:9080/reviews/0 -o /dev/null')
    const kinds = t!.steps.map((s) => s.kind)
    expect(kinds).toEqual(expect.arrayContaining(['listener', 'route', 'weight', 'connectionPool', 'endpoint', 'tls', 'app']))
    const route = t!.steps.find((s) => s.kind === 'route')!
    expect(route).toMatchObject({ matched: true, virtualService: { name: 'reviews', namespace: 'default' }, ruleIndex: 0 })
    const weight = t!.steps.find((s) => s.kind === 'weight') as { readonly choices: readonly { readonly weight: number }[]; readonly chosen: number }
    expect(weight.choices.map((c) => c.weight)).toEqual([90, 10])
    expect(t!.outcome).toMatchObject({ status: 200 })
  })

  it('explain a fault abort and an authorization denial in words', async () => {
    const traces = await traced(`kubectl apply -f samples/bookinfo/networking/virtual-service-ratings-test-abort.yaml
kubectl exec deploy/sleep -c sleep -- curl -s -H 'end-user: jason' ratings:9080/ratings/0 -o /dev/null
kubectl apply -f - <<'YAML'
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-details
spec:
  selector:
    matchLabels:
      app: details
  action: DENY
  rules:
  - {}
YAML
kubectl exec deploy/sleep -c sleep -- curl -s details:9080/details/0 -o /dev/null`)
    const [abort, denied] = traces
    expect(abort!.outcome).toMatchObject({ status: 500, responseFlags: ['FI'] })
    expect(explainDecisionTrace(abort!).join('\n')).toMatch(/fault/i)
    expect(denied!.outcome).toMatchObject({ status: 403 })
    expect(explainDecisionTrace(denied!).join('\n')).toMatch(/deny-details/)
  })
})
