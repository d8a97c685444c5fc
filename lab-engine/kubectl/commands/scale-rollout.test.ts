// kubectl scale, create deployment, expose and rollout status against the sim's controllers in virtual time.
import { describe, expect, it } from 'vitest'
import { runScript } from '../../sim/session'
import { run } from './script.test-util'

describe('kubectl scale and rollout status', () => {
  it('creates a deployment, waits for its rollout, scales it and waits again', async () => {
    expect(await run(`kubectl create deployment web --image=nginx:1.27 --replicas=3
kubectl rollout status deployment/web
kubectl scale deployment web --replicas=5
kubectl rollout status deploy web
kubectl get deploy web`)).toBe(`$ kubectl create deployment web --image=nginx:1.27 --replicas=3
deployment.apps/web created
$ kubectl rollout status deployment/web
Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...
Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...
Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl scale deployment web --replicas=5
deployment.apps/web scaled
$ kubectl rollout status deploy web
Waiting for deployment "web" rollout to finish: 3 of 5 updated replicas are available...
Waiting for deployment "web" rollout to finish: 4 of 5 updated replicas are available...
deployment "web" successfully rolled out
$ kubectl get deploy web
NAME   READY   UP-TO-DATE   AVAILABLE   AGE
web    5/5     5            5           3s
`)
  })

  it('spends simulated time only while waiting', async () => {
    const results = await runScript('kubectl create deployment web --image=nginx\nkubectl rollout status deployment/web\nsleep 5')
    expect(results.map((r) => r.elapsedMs > 0)).toEqual([false, true, true])
    expect(results[2]!.elapsedMs).toBe(5000)
  })

  it('exposes a deployment and refuses bad scale requests', async () => {
    expect(await run(`kubectl create deployment hello --image=registry.k8s.io/echoserver:1.4 --port=8080
kubectl expose deployment hello --type=NodePort
kubectl get svc hello -o jsonpath='{.spec.selector.app} {.spec.ports[0].port}'
kubectl scale deployment hello
kubectl scale svc hello --replicas=2
kubectl scale deployment ghost --replicas=2
kubectl rollout status deployment/ghost`)).toBe(`$ kubectl create deployment hello --image=registry.k8s.io/echoserver:1.4 --port=8080
deployment.apps/hello created
$ kubectl expose deployment hello --type=NodePort
service/hello exposed
$ kubectl get svc hello -o jsonpath='{.spec.selector.app} {.spec.ports[0].port}'
hello 8080$ kubectl scale deployment hello
! error: required flag(s) "replicas" not set
[exit 1]
$ kubectl scale svc hello --replicas=2
! error: cannot scale services
[exit 1]
$ kubectl scale deployment ghost --replicas=2
! Error from server (NotFound): deployments.apps "ghost" not found
[exit 1]
$ kubectl rollout status deployment/ghost
! Error from server (NotFound): deployments.apps "ghost" not found
[exit 1]
`)
  })
})
