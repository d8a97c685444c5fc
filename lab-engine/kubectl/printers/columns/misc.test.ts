// Source: printConfigMap, printSecret, printServiceAccount, printNamespace, printNode and printEvent in
// k8s.io/kubernetes/pkg/printers/internalversion/printers.go (kubectl 1.30+ column sets).
import { describe, expect, it } from 'vitest'
import { printTables } from '../table'
import { NOW, ago, obj } from '../fixtures.test-util'

describe('config columns', () => {
  it('prints configmaps, secrets and serviceaccounts', () => {
    expect(printTables([obj('v1', 'ConfigMap', 'istio', 'istio-system', 7200, { data: { mesh: '', meshNetworks: '' } }), obj('v1', 'ConfigMap', 'kube-root-ca.crt', 'istio-system', 7200, { data: { 'ca.crt': 'x' } })], { now: NOW }).stdout).toBe(
      'NAME               DATA   AGE\n' +
      'istio              2      120m\n' +
      'kube-root-ca.crt   1      120m\n')
    expect(printTables([obj('v1', 'Secret', 'istio-ca-secret', 'istio-system', 7200, { type: 'istio.io/ca-root', data: { 'ca-cert.pem': 'x', 'ca-key.pem': 'y', 'cert-chain.pem': '', 'key.pem': '', 'root-cert.pem': '' } })], { now: NOW }).stdout).toBe(
      'NAME              TYPE               DATA   AGE\n' +
      'istio-ca-secret   istio.io/ca-root   5      120m\n')
    expect(printTables([obj('v1', 'ServiceAccount', 'bookinfo-productpage', 'default', 60)], { now: NOW }).stdout).toBe(
      'NAME                   SECRETS   AGE\n' +
      'bookinfo-productpage   0         60s\n')
  })
})

describe('node columns', () => {
  it('prints NotReady, SchedulingDisabled and <none> roles', () => {
    const node = obj('v1', 'Node', 'kind-worker', undefined, 86400 * 3, {
      spec: { unschedulable: true },
      status: { conditions: [{ type: 'Ready', status: 'False' }], nodeInfo: { kubeletVersion: 'v1.33.1' } },
    })
    expect(printTables([node], { now: NOW, allNamespaces: true }).stdout).toBe(
      'NAME          STATUS                        ROLES    AGE   VERSION\n' +
      'kind-worker   NotReady,SchedulingDisabled   <none>   3d    v1.33.1\n')
  })
})

describe('event columns', () => {
  const ev = obj('v1', 'Event', 'reviews-v1-5b5d6494f4-kzqz7.17a1b2c3d4e5f6a7', 'default', 120, {
    type: 'Normal', reason: 'Pulled', message: 'Container image "docker.io/istio/examples-bookinfo-reviews-v1:1.20.2" already present on machine',
    involvedObject: { kind: 'Pod', name: 'reviews-v1-5b5d6494f4-kzqz7', fieldPath: 'spec.containers{reviews}' },
    source: { component: 'kubelet', host: 'kind-control-plane' }, firstTimestamp: ago(120), lastTimestamp: ago(30), count: 2,
  })
  it('prints events, normal and wide', () => {
    expect(printTables([ev], { now: NOW }).stdout).toBe(
      'LAST SEEN   TYPE     REASON   OBJECT                            MESSAGE\n' +
      '30s         Normal   Pulled   pod/reviews-v1-5b5d6494f4-kzqz7   Container image "docker.io/istio/examples-bookinfo-reviews-v1:1.20.2" already present on machine\n')
    expect(printTables([ev], { now: NOW, wide: true }).stdout).toBe(
      'LAST SEEN   TYPE     REASON   OBJECT                            SUBOBJECT                  SOURCE                        MESSAGE                                                                                            FIRST SEEN   COUNT   NAME\n' +
      '30s         Normal   Pulled   pod/reviews-v1-5b5d6494f4-kzqz7   spec.containers{reviews}   kubelet, kind-control-plane   Container image "docker.io/istio/examples-bookinfo-reviews-v1:1.20.2" already present on machine   2m           2       reviews-v1-5b5d6494f4-kzqz7.17a1b2c3d4e5f6a7\n')
  })
})
