// kubectl delete against the sim: names, selectors, files, NotFound and garbage collection.
import { describe, expect, it } from 'vitest'
import { DEPLOY_AND_SERVICE, run } from './script.test-util'

const APPLY = `kubectl apply -f - <<EOF\n${DEPLOY_AND_SERVICE}EOF`

describe('kubectl delete', () => {
  it('deletes by name and then says NotFound', async () => {
    expect(await run(`${APPLY}
kubectl delete svc web
kubectl delete svc web
kubectl delete service/web`)).toBe(`$ kubectl apply -f - <<EOF
deployment.apps/web created
service/web created
$ kubectl delete svc web
service "web" deleted
$ kubectl delete svc web
! Error from server (NotFound): services "web" not found
[exit 1]
$ kubectl delete service/web
! Error from server (NotFound): services "web" not found
[exit 1]
`)
  })

  it('deletes a deployment and its ReplicaSet and pods go with it', async () => {
    expect(await run(`${APPLY}
sleep 3
kubectl delete deployment web
kubectl get rs,pods`)).toBe(`$ kubectl apply -f - <<EOF
deployment.apps/web created
service/web created
$ sleep 3
$ kubectl delete deployment web
deployment.apps "web" deleted
$ kubectl get rs,pods
! No resources found in default namespace.
`)
  })

  it('deletes by selector, from a manifest, and needs a name or selector', async () => {
    expect(await run(`kubectl create configmap a
kubectl label cm a team=x
kubectl delete cm -l team=x
kubectl delete cm -l team=x
kubectl delete cm
kubectl apply -f - <<EOF
${DEPLOY_AND_SERVICE}EOF
kubectl delete -f - <<EOF
${DEPLOY_AND_SERVICE}EOF
kubectl delete -f - <<EOF
${DEPLOY_AND_SERVICE}EOF
kubectl delete`)).toBe(`$ kubectl create configmap a
configmap/a created
$ kubectl label cm a team=x
configmap/a labeled
$ kubectl delete cm -l team=x
configmap "a" deleted
$ kubectl delete cm -l team=x
! No resources found
$ kubectl delete cm
! error: resource(s) were provided, but no name was specified
[exit 1]
$ kubectl apply -f - <<EOF
deployment.apps/web created
service/web created
$ kubectl delete -f - <<EOF
deployment.apps "web" deleted
service "web" deleted
$ kubectl delete -f - <<EOF
! Error from server (NotFound): error when deleting "STDIN": deployments.apps "web" not found
! Error from server (NotFound): error when deleting "STDIN": services "web" not found
[exit 1]
$ kubectl delete
! error: You must provide one or more resources by argument or filename.
! Example resource specifications include:
!    '-f rsrc.yaml'
!    '--filename=rsrc.json'
!    '<resource> <name>'
!    '<resource>'
[exit 1]
`)
  })

  it('replaces a deleted pod through its ReplicaSet', async () => {
    const out = await run(`${APPLY}
sleep 5
kubectl delete pod -l app=web
sleep 5
kubectl get pods --no-headers | wc -l`)
    expect(out).toMatch(/pod "web-HHHHHHHHHH-xxxxx" deleted\npod "web-HHHHHHHHHH-xxxxx" deleted\n/)
    expect(out).toMatch(/\$ kubectl get pods --no-headers \| wc -l\n\s*2\n$/)
  })

  it('refuses to delete protected namespaces', async () => {
    expect(await run('kubectl delete ns default')).toBe(`$ kubectl delete ns default
! Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted
[exit 1]
`)
  })
})
