// Source: printDeployment/printReplicaSet in k8s.io/kubernetes/pkg/printers/internalversion/printers.go;
// rows as in kubernetes.io/docs/concepts/workloads/controllers/deployment/ ("kubectl get deployments").
import { describe, expect, it } from 'vitest'
import { printTables } from '../table'
import { NOW, obj } from '../fixtures.test-util'

const template = { metadata: { labels: { app: 'reviews', version: 'v1' } }, spec: { containers: [{ name: 'reviews', image: 'docker.io/istio/examples-bookinfo-reviews-v1:1.20.2' }] } }

describe('deployment and replicaset columns', () => {
  const deploy = obj('apps/v1', 'Deployment', 'reviews-v1', 'default', 600, {
    spec: { replicas: 3, selector: { matchLabels: { version: 'v1', app: 'reviews' } }, template },
    status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
  })
  it('prints deployments, normal and wide', () => {
    expect(printTables([deploy], { now: NOW }).stdout).toBe(
      'NAME         READY   UP-TO-DATE   AVAILABLE   AGE\n' +
      'reviews-v1   2/3     3            2           10m\n')
    expect(printTables([deploy], { now: NOW, wide: true }).stdout).toBe(
      'NAME         READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                                                SELECTOR\n' +
      'reviews-v1   2/3     3            2           10m   reviews      docker.io/istio/examples-bookinfo-reviews-v1:1.20.2   app=reviews,version=v1\n')
  })
  it('prints a new deployment with no status yet', () => {
    const fresh = obj('apps/v1', 'Deployment', 'sleep', 'default', 1, { spec: { selector: { matchLabels: { app: 'sleep' } }, template } })
    expect(printTables([fresh], { now: NOW }).stdout).toBe(
      'NAME    READY   UP-TO-DATE   AVAILABLE   AGE\n' +
      'sleep   0/1     0            0           1s\n')
  })
  it('prints replicasets and set-based selectors', () => {
    const rs = obj('apps/v1', 'ReplicaSet', 'reviews-v1-5b5d6494f4', 'default', 600, {
      spec: { replicas: 3, selector: { matchLabels: { app: 'reviews' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }, { key: 'canary', operator: 'DoesNotExist' }] }, template },
      status: { replicas: 3, readyReplicas: 3 },
    })
    expect(printTables([rs], { now: NOW }).stdout).toBe(
      'NAME                    DESIRED   CURRENT   READY   AGE\n' +
      'reviews-v1-5b5d6494f4   3         3         3       10m\n')
    expect(printTables([rs], { now: NOW, wide: true }).stdout.split('\n')[1]!.endsWith('   app=reviews,!canary,tier in (api,web)')).toBe(true)
  })
})
