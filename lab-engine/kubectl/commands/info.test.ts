// Cluster information verbs and the kubectl command's own errors.
import { describe, expect, it } from 'vitest'
import { run } from './script.test-util'

describe('kubectl info verbs', () => {
  it('prints version, context and cluster-info as on a kind cluster', async () => {
    expect(await run(`kubectl version
kubectl version --client
kubectl --namespace kube-system config current-context
kubectl cluster-info`)).toBe(`$ kubectl version
Client Version: v1.33.1
Kustomize Version: v5.6.0
Server Version: v1.33.1
$ kubectl version --client
Client Version: v1.33.1
Kustomize Version: v5.6.0
$ kubectl --namespace kube-system config current-context
kind-kind
$ kubectl cluster-info
Kubernetes control plane is running at https://127.0.0.1:41435
CoreDNS is running at https://127.0.0.1:41435/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
`)
  })

  it('switches the default namespace with config set-context --current', async () => {
    expect(await run(`kubectl create namespace shop
kubectl config set-context --current --namespace=shop
kubectl create configmap c
kubectl get cm -o name
kubectl config get-contexts
kubectl get cm c -n default`)).toBe(`$ kubectl create namespace shop
namespace/shop created
$ kubectl config set-context --current --namespace=shop
Context "kind-kind" modified.
$ kubectl create configmap c
configmap/c created
$ kubectl get cm -o name
configmap/c
$ kubectl config get-contexts
CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE
*         kind-kind   kind-kind   kind-kind   shop
$ kubectl get cm c -n default
! Error from server (NotFound): configmaps "c" not found
[exit 1]
`)
  })

  it('lists api-resources from the kinds table, Istio kinds hidden before install', async () => {
    const out = await run('kubectl api-resources')
    expect(out.split('\n').slice(1, 4)).toEqual([
      'NAME                        SHORTNAMES   APIVERSION                     NAMESPACED   KIND',
      'configmaps                  cm           v1                             true         ConfigMap',
      'endpoints                   ep           v1                             true         Endpoints',
    ])
    expect(out).toContain('deployments                 deploy       apps/v1                        true         Deployment\n')
    expect(out).toContain('clusterroles                             rbac.authorization.k8s.io/v1   false        ClusterRole\n')
    expect(out).not.toContain('virtualservices')
  })

  it('answers unknown commands and bare kubectl like kubectl', async () => {
    const out = await run(`kubectl nope
kubectl certificate approve x
kubectl | head -1`)
    expect(out).toBe(`$ kubectl nope
! error: unknown command "nope" for "kubectl"
[exit 1]
$ kubectl certificate approve x
! error: unknown command "certificate" for "kubectl"
[exit 1]
$ kubectl | head -1
kubectl controls the Kubernetes cluster manager.
`)
  })
})
