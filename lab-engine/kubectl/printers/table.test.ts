// Source: kubectl get transcripts on kind (kind.sigs.k8s.io quick start) and Istio's Bookinfo docs
// (istio.io/latest/docs/examples/bookinfo/); layout from k8s.io/kubectl/pkg/cmd/get/get.go.
import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { createKindCluster } from '../../cluster/bootstrap'
import { printTables } from './table'
import { NOW, obj, pod } from './fixtures.test-util'

const svc = (name: string, ip: string, ports: unknown[], selector: Record<string, string>, labels: Record<string, string>) =>
  obj('v1', 'Service', name, 'default', 120, { spec: { type: 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports, selector } }, labels)

describe('printTables', () => {
  it('prints a fresh kind cluster: nodes, namespaces, services -A', () => {
    const clock = Clock.virtual()
    const store = createKindCluster({ clock, rng: Rng.seeded(1) })
    const now = clock.now() + 5 * 60_000
    expect(printTables(store.list({ kind: 'Node' }), { now }).stdout).toBe(
      'NAME                 STATUS   ROLES           AGE   VERSION\n' +
      'kind-control-plane   Ready    control-plane   5m    v1.33.1\n')
    expect(printTables(store.list({ kind: 'Namespace' }), { now }).stdout).toBe(
      'NAME                 STATUS   AGE\n' +
      'default              Active   5m\n' +
      'kube-node-lease      Active   5m\n' +
      'kube-public          Active   5m\n' +
      'kube-system          Active   5m\n' +
      'local-path-storage   Active   5m\n')
    expect(printTables(store.list({ kind: 'Service' }), { now, allNamespaces: true }).stdout).toBe(
      'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE\n' +
      'default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  5m\n' +
      'kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   5m\n')
    expect(printTables(store.list({ kind: 'Node' }), { now, wide: true }).stdout).toBe(
      'NAME                 STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME\n' +
      'kind-control-plane   Ready    control-plane   5m    v1.33.1   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-generic    containerd://2.1.1\n')
  })

  it('reports no resources on stderr', () => {
    expect(printTables([], { now: NOW, namespace: 'default' })).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n' })
    expect(printTables([], { now: NOW })).toEqual({ stdout: '', stderr: 'No resources found\n' })
  })

  it('adds a LABELS column with --show-labels', () => {
    const pods = [pod('details-v1-79f774bdb9-6jl84', 90, {}, { app: 'details', version: 'v1', 'pod-template-hash': '79f774bdb9' }), pod('bare', 30)]
    expect(printTables(pods, { now: NOW, showLabels: true }).stdout).toBe(
      'NAME                          READY   STATUS    RESTARTS   AGE   LABELS\n' +
      'details-v1-79f774bdb9-6jl84   1/1     Running   0          90s   app=details,pod-template-hash=79f774bdb9,version=v1\n' +
      'bare                          1/1     Running   0          30s   <none>\n')
  })

  it('prints one table per kind, with kind.group/name, separated by a blank line', () => {
    const objects = [
      pod('productpage-v1-6b7f6db-abcde', 300, { containers: ['productpage', 'istio-proxy'] }),
      svc('productpage', '10.96.120.7', [{ name: 'http', port: 9080, protocol: 'TCP', targetPort: 9080 }], { app: 'productpage' }, { app: 'productpage' }),
      obj('apps/v1', 'Deployment', 'productpage-v1', 'default', 300, { spec: { replicas: 1 }, status: { readyReplicas: 1, updatedReplicas: 1, availableReplicas: 1 } }),
      obj('networking.istio.io/v1', 'VirtualService', 'bookinfo', 'default', 60, { spec: { gateways: ['bookinfo-gateway'], hosts: ['*'] } }),
    ]
    expect(printTables(objects, { now: NOW }).stdout).toBe(
      'NAME                               READY   STATUS    RESTARTS   AGE\n' +
      'pod/productpage-v1-6b7f6db-abcde   2/2     Running   0          5m\n' +
      '\n' +
      'NAME                  TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)    AGE\n' +
      'service/productpage   ClusterIP   10.96.120.7   <none>        9080/TCP   2m\n' +
      '\n' +
      'NAME                             READY   UP-TO-DATE   AVAILABLE   AGE\n' +
      'deployment.apps/productpage-v1   1/1     1            1           5m\n' +
      '\n' +
      'NAME                                          GATEWAYS               HOSTS   AGE\n' +
      'virtualservice.networking.istio.io/bookinfo   ["bookinfo-gateway"]   ["*"]   60s\n')
  })

  it('cuts a multi-line cell at its first line break', () => {
    const ev = obj('v1', 'Event', 'x.1', 'default', 10, { type: 'Warning', reason: 'Failed', involvedObject: { kind: 'Pod', name: 'x' }, message: 'line one\nline two', lastTimestamp: '2026-01-01T00:59:50Z' })
    expect(printTables([ev], { now: NOW }).stdout).toBe(
      'LAST SEEN   TYPE      REASON   OBJECT   MESSAGE\n' +
      '10s         Warning   Failed   pod/x    line one...\n')
  })

  it('omits the blank line between kinds with --no-headers, and prints CRDs with CREATED AT', () => {
    const crd = obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'virtualservices.networking.istio.io', undefined, 60)
    expect(printTables([pod('a', 5), crd], { now: NOW, noHeaders: true }).stdout).toBe(
      'pod/a   1/1   Running   0     5s\n' +
      'customresourcedefinition.apiextensions.k8s.io/virtualservices.networking.istio.io   2026-01-01T00:59:00Z\n')
    expect(printTables([crd], { now: NOW }).stdout).toBe(
      'NAME                                  CREATED AT\n' +
      'virtualservices.networking.istio.io   2026-01-01T00:59:00Z\n')
  })

  it('adds -L label columns before LABELS', () => {
    const p = pod('reviews-v2-abc', 30, {}, { app: 'reviews', 'app.kubernetes.io/version': 'v2' })
    expect(printTables([p], { now: NOW, labelColumns: ['app', 'app.kubernetes.io/version', 'missing'], showLabels: true }).stdout).toBe(
      'NAME             READY   STATUS    RESTARTS   AGE   APP       VERSION   MISSING   LABELS\n' +
      'reviews-v2-abc   1/1     Running   0          30s   reviews   v2                  app=reviews,app.kubernetes.io/version=v2\n')
  })
})
