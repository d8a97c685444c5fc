// kubectl wait: conditions, deletion and jsonpath, advancing virtual time until they hold or the timeout passes.
import { describe, expect, it } from 'vitest'
import { conditionFor, parseTimeout } from './wait'
import { run } from './script.test-util'

describe('kubectl wait', () => {
  it('waits for pods to be Ready by selector and for a deployment to be Available', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl wait --for=condition=Ready pod -l app=web --timeout=60s
kubectl wait --for=condition=available deployment/web
kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 deploy/web`)
    expect(out).toMatch(/--timeout=60s\npod\/web-H+-xxxxx condition met\npod\/web-H+-xxxxx condition met\n/)
    expect(out).toContain('$ kubectl wait --for=condition=available deployment/web\ndeployment.apps/web condition met\n')
    expect(out).toContain("=2 deploy/web\ndeployment.apps/web condition met\n")
  })

  it('times out with kubectl\'s message and exit 1', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27
kubectl wait --for=jsonpath='{.status.phase}'=Failed pod --all --timeout=5s
kubectl get deploy web -o jsonpath='{.status.readyReplicas}'`)
    expect(out).toMatch(/! error: timed out waiting for the condition on pods\/web-H+-xxxxx\n\[exit 1\]/)
    // The clock moved on while waiting, so the rollout completed meanwhile.
    expect(out).toMatch(/readyReplicas}'\n1/)
  })

  it('waits for deletion and reports bad input', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27
kubectl delete deployment web --wait=false >/dev/null
kubectl wait --for=delete deployment/web
kubectl wait --for=condition=Ready pod -l app=none
kubectl wait --for=bogus pod --all
kubectl wait pod --all
kubectl wait --for=condition=Ready pod/nope
kubectl wait --for=delete pod --all --timeout=1x`)
    expect(out).not.toContain('deployment/web\n!')
    expect(out).toContain('! error: no matching resources found')
    expect(out).toContain('! error: unrecognized condition: "bogus"')
    expect(out).toContain('! error: --for must be specified')
    expect(out).toContain('! Error from server (NotFound): pods "nope" not found')
    expect(out).toContain('! error: invalid argument "1x" for "--timeout" flag: time: invalid duration "1x"')
  })

  it('--for=create waits for named objects to exist', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27
kubectl wait --for=create deployment/web
kubectl wait --for=create pod/later --timeout=2s
kubectl wait --for=create pods`)
    expect(out).toContain('$ kubectl wait --for=create deployment/web\ndeployment.apps/web condition met\n')
    expect(out).toContain('! error: timed out waiting for the condition on pods/later\n[exit 1]')
    expect(out).toContain('! error: --for=create requires a resource name')
  })

  it('parses durations and conditions', () => {
    expect(parseTimeout('1m30s')).toBe(90_000)
    expect(parseTimeout(undefined)).toBe(30_000)
    expect(() => parseTimeout('10')).toThrow('missing unit in duration "10"')
    const ready = conditionFor('condition=Ready')
    const pod = (status: string) => ({ status: { conditions: [{ type: 'Ready', status }] } }) as never
    expect(ready(pod('True'))).toBe(true)
    expect(ready(pod('False'))).toBe(false)
    expect(conditionFor('condition=Ready=false')(pod('False'))).toBe(true)
    expect(conditionFor('delete')(undefined)).toBe(true)
  })
})
