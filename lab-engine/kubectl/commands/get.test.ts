// kubectl get against the sim: tables, pods becoming Running, services, -o formats, and kubectl's errors.
import { describe, expect, it } from 'vitest'
import { DEPLOY_AND_SERVICE, run } from './script.test-util'

const APPLY = `kubectl apply -f - <<EOF\n${DEPLOY_AND_SERVICE}EOF`

describe('kubectl get', () => {
  it('shows pods Pending at once and Running 1/1 after sleep 5', async () => {
    expect(await run(`${APPLY}
kubectl get pods
sleep 5
kubectl get pods`)).toBe(`$ kubectl apply -f - <<EOF
deployment.apps/web created
service/web created
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
web-HHHHHHHHHH-xxxxx   0/1     Pending   0          0s
web-HHHHHHHHHH-xxxxx   0/1     Pending   0          0s
$ sleep 5
$ kubectl get pods
NAME                   READY   STATUS    RESTARTS   AGE
web-HHHHHHHHHH-xxxxx   1/1     Running   0          5s
web-HHHHHHHHHH-xxxxx   1/1     Running   0          5s
`)
  })

  it('prints service columns, -A with NAMESPACE, and jsonpath', async () => {
    const out = await run(`${APPLY}
kubectl get svc
kubectl get svc -A
kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}{" "}{.spec.ports[0].port}'`)
    expect(out).toBe(`$ kubectl apply -f - <<EOF
deployment.apps/web created
service/web created
$ kubectl get svc
NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE
kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP   0s
web          ClusterIP   10.99.73.166   <none>        80/TCP    0s
$ kubectl get svc -A
NAMESPACE     NAME         TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)                  AGE
default       kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP                  0s
default       web          ClusterIP   10.99.73.166   <none>        80/TCP                   0s
kube-system   kube-dns     ClusterIP   10.96.0.10     <none>        53/UDP,53/TCP,9153/TCP   0s
$ kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}{" "}{.spec.ports[0].port}'
10.96.0.1 443`)
  })

  it('lists several types with kind prefixes, and `all`', async () => {
    expect(await run(`${APPLY}
sleep 5
kubectl get deploy,svc
kubectl get all -n kube-public`)).toBe(`$ kubectl apply -f - <<EOF
deployment.apps/web created
service/web created
$ sleep 5
$ kubectl get deploy,svc
NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/2     2            2           5s

NAME                 TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1      <none>        443/TCP   5s
service/web          ClusterIP   10.99.73.166   <none>        80/TCP    5s
$ kubectl get all -n kube-public
! No resources found in kube-public namespace.
`)
  })

  it('supports -o name, names, TYPE/NAME and cluster-scoped kinds', async () => {
    expect(await run(`kubectl get ns default kube-system -o name
kubectl get deploy/coredns -n kube-system -o name
kubectl -n kube-system get deploy coredns -o name
kubectl get nodes -o name
kubectl get namespace default`)).toBe(`$ kubectl get ns default kube-system -o name
namespace/default
namespace/kube-system
$ kubectl get deploy/coredns -n kube-system -o name
deployment.apps/coredns
$ kubectl -n kube-system get deploy coredns -o name
deployment.apps/coredns
$ kubectl get nodes -o name
node/kind-control-plane
$ kubectl get namespace default
NAME      STATUS   AGE
default   Active   0s
`)
  })

  it('gives kubectl errors for unknown types, unknown flags, missing objects and bad -o', async () => {
    expect(await run(`kubectl get foo
kubectl get pods --bogus
kubectl get pods -z
kubectl get pod ghost
kubectl get pods -o table
kubectl get virtualservices
kubectl get pods -n
kubectl get pod x -A
kubectl get pod x -l app=web`)).toBe(`$ kubectl get foo
! error: the server doesn't have a resource type "foo"
[exit 1]
$ kubectl get pods --bogus
! error: unknown flag: --bogus
! See 'kubectl get --help' for usage.
[exit 1]
$ kubectl get pods -z
! error: unknown shorthand flag: 'z' in -z
! See 'kubectl get --help' for usage.
[exit 1]
$ kubectl get pod ghost
! Error from server (NotFound): pods "ghost" not found
[exit 1]
$ kubectl get pods -o table
! error: unable to match a printer suitable for the output format "table", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml
[exit 1]
$ kubectl get virtualservices
! error: the server doesn't have a resource type "virtualservices"
[exit 1]
$ kubectl get pods -n
! error: flag needs an argument: 'n' in -n
! See 'kubectl get --help' for usage.
[exit 1]
$ kubectl get pod x -A
! error: a resource cannot be retrieved by name across all namespaces
[exit 1]
$ kubectl get pod x -l app=web
! error: name cannot be provided when a selector is specified
[exit 1]
`)
  })

  it('asks for a resource type when none is given', async () => {
    expect(await run('kubectl get')).toBe(`$ kubectl get
! You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.
! 
! error: Required resource not specified.
! Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
! See 'kubectl get -h' for help and examples
[exit 1]
`)
  })

  it('watches an empty namespace without the "No resources found" line, bounded in a scripted session', async () => {
    expect(await run('kubectl get pods -w')).toBe(`$ kubectl get pods -w
`)
  })
})
