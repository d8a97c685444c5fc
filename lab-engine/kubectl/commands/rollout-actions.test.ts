// kubectl rollout restart / undo / history / pause / resume against the deployment controller in virtual time.
import { describe, expect, it } from 'vitest'
import { runScript } from '../../sim/session'
import { run } from './script.test-util'

describe('kubectl rollout actions', () => {
  it('history lists revisions; undo returns to the previous image; undo without history fails', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl rollout status deployment/web >/dev/null
kubectl rollout undo deployment/web
kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'
kubectl rollout status deployment/web >/dev/null
kubectl rollout history deployment/web
kubectl rollout undo deployment/web
kubectl rollout status deployment/web >/dev/null
kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}'
kubectl rollout undo deployment/web --to-revision=9
kubectl rollout undo deployment/web --to-revision=3`)
    expect(out).toContain('$ kubectl rollout undo deployment/web\n! error: no rollout history found for deployment "web"\n[exit 1]\n')
    expect(out).toContain('$ kubectl rollout history deployment/web\ndeployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n')
    expect(out).toContain('deployment.apps/web rolled back\n')
    expect(out).toContain('nginx:1.27 3')
    expect(out).toContain('! error: unable to find specified revision 9 in history')
    expect(out).toContain('deployment.apps/web skipped rollback (current template already matches revision 3)')
  })

  it('restart stamps restartedAt from the session clock and replaces the pods', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27
kubectl rollout status deployment/web >/dev/null
kubectl rollout restart deployment/web
kubectl rollout status deployment/web >/dev/null
kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations}'
kubectl get rs -o name | wc -l`)
    expect(out).toContain('deployment.apps/web restarted\n')
    expect(out).toMatch(/\{"kubectl.kubernetes.io\/restartedAt":"2026-01-01T00:00:\d\dZ"\}/)
    expect(out).toMatch(/wc -l\n2\n/)
  })

  it('restart replaces every pod', async () => {
    const results = await runScript(`kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl rollout status deployment/web
kubectl get pods -o name
kubectl rollout restart deployment/web
kubectl rollout status deployment/web
kubectl get pods -o name`, { seed: 1 })
    const before = results[2]!.stdout.trim().split('\n')
    const after = results[5]!.stdout.trim().split('\n')
    expect(before).toHaveLength(2)
    expect(after).toHaveLength(2)
    expect(after.filter((p) => before.includes(p))).toEqual([])
  })

  it('pause and resume toggle spec.paused and refuse a second toggle; restart refuses a paused deployment', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27
kubectl rollout pause deployment/web
kubectl rollout pause deployment/web
kubectl rollout restart deployment/web
kubectl rollout resume deployment/web
kubectl rollout resume deployment/web
kubectl rollout history svc/web`)
    expect(out).toContain('deployment.apps/web paused\n')
    expect(out).toContain('! error: deployments.apps "web" is already paused')
    expect(out).toContain("! error: can't restart paused deployment (run rollout resume first)")
    expect(out).toContain('deployment.apps/web resumed\n')
    expect(out).toContain('! error: deployments.apps "web" is not paused')
    expect(out).toContain('! error: no history viewer has been implemented for "Service"')
  })

  it('restart with a bare type restarts every Deployment in the namespace, or those -l selects', async () => {
    const out = await run(`kubectl create namespace demo
kubectl create deployment web --image=nginx -n demo
kubectl create deployment api --image=nginx -n demo
kubectl create deployment other --image=nginx
kubectl rollout restart deployment -n demo
kubectl get deploy -A -o jsonpath='{range .items[*]}{.metadata.name}:{.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt} {end}'
kubectl rollout restart deploy -n demo -l app=web
kubectl rollout restart deployment -n kube-public
kubectl rollout restart deployment/web -n demo -l app=web
kubectl rollout restart deployment`)
    expect(out).toContain(`$ kubectl rollout restart deployment -n demo
deployment.apps/api restarted
deployment.apps/web restarted
`)
    expect(out).toMatch(/\nother: api:\d{4}-\d\d-\d\dT[\d:]+Z web:\d{4}-[^ ]+ coredns: local-path-provisioner: \$/)
    expect(out).toContain(`$ kubectl rollout restart deploy -n demo -l app=web
deployment.apps/web restarted
$ kubectl rollout restart deployment -n kube-public
$ kubectl rollout restart deployment/web -n demo -l app=web
! error: selectors and the all flag cannot be used when passing resource/name arguments
[exit 1]
$ kubectl rollout restart deployment
deployment.apps/other restarted
`)
  })
})
