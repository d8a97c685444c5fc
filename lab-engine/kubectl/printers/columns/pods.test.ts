// Source: printPod in k8s.io/kubernetes/pkg/printers/internalversion/printers.go and its printers_test.go
// TestPrintPod cases (READY, STATUS reasons, RESTARTS with "(Xm ago)").
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../cluster/types'
import { printTables } from '../table'
import { NOW, ago, pod } from '../fixtures.test-util'
import { summarizePod } from './pods'

function withStatus(p: KubeObject, status: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return { ...p, spec: { ...(p.spec as object), ...spec }, status: { ...(p.status as object), ...status } }
}

describe('summarizePod', () => {
  it.each<[string, KubeObject, string, string, string]>([
    ['running', pod('a', 10), '1/1', 'Running', '0'],
    ['two containers, sidecar not ready', withStatus(pod('a', 10, { containers: ['app', 'istio-proxy'] }), {
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }, { name: 'istio-proxy', ready: false, restartCount: 0, state: { running: {} } }],
    }), '1/2', 'Running', '0'],
    ['creating', pod('a', 3, { phase: 'Pending', ready: false, waiting: 'ContainerCreating', ip: '' }), '0/1', 'ContainerCreating', '0'],
    ['pending unscheduled', withStatus(pod('a', 3, { phase: 'Pending' }), { containerStatuses: [] }), '0/1', 'Pending', '0'],
    ['crash loop', pod('a', 600, { ready: false, waiting: 'CrashLoopBackOff', restarts: 4 }), '0/1', 'CrashLoopBackOff', '4'],
    ['completed', pod('a', 600, { phase: 'Succeeded', ready: false, terminated: { reason: 'Completed', exitCode: 0 } }), '0/1', 'Completed', '0'],
    ['error exit without reason', pod('a', 600, { phase: 'Failed', ready: false, terminated: { exitCode: 2 } }), '0/1', 'ExitCode:2', '0'],
    ['terminating', pod('a', 600, { deleting: true }), '1/1', 'Terminating', '0'],
    ['evicted (status.reason)', withStatus(pod('a', 600, { phase: 'Failed' }), { reason: 'Evicted', containerStatuses: [] }), '0/1', 'Evicted', '0'],
    ['init container waiting', withStatus(pod('a', 5, { phase: 'Pending' }), {
      initContainerStatuses: [{ name: 'istio-init', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    }, { initContainers: [{ name: 'istio-init' }] }), '0/1', 'Init:0/1', '0'],
    ['init container failed', withStatus(pod('a', 5, { phase: 'Pending' }), {
      initContainerStatuses: [{ name: 'istio-init', ready: false, restartCount: 1, state: { terminated: { reason: 'Error', exitCode: 1 } } }],
    }, { initContainers: [{ name: 'istio-init' }] }), '0/1', 'Init:Error', '1'],
    ['native sidecar counts in READY', withStatus(pod('a', 5, { containers: ['app'] }), {
      conditions: [{ type: 'Initialized', status: 'True' }],
      initContainerStatuses: [{ name: 'istio-proxy', ready: true, started: true, restartCount: 0, state: { running: {} } }],
    }, { initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }] }), '2/2', 'Running', '0'],
  ])('%s', (_name, p, ready, status, restarts) => {
    expect(summarizePod(p, NOW)).toEqual({ ready, status, restarts })
  })

  it('shows when the last restart happened', () => {
    const p = withStatus(pod('a', 3600), {
      containerStatuses: [{ name: 'app', ready: true, restartCount: 3, state: { running: {} }, lastState: { terminated: { exitCode: 1, finishedAt: ago(125) } } }],
    })
    expect(summarizePod(p, NOW).restarts).toBe('3 (2m5s ago)')
  })
})

describe('pod table', () => {
  it('prints -o wide columns', () => {
    const pods = [pod('reviews-v1-5b5d6494f4-kzqz7', 7200, { containers: ['reviews', 'istio-proxy'], ip: '10.244.0.12' }), pod('new-one', 2, { phase: 'Pending', ready: false, waiting: 'ContainerCreating', ip: '' })]
    expect(printTables(pods, { now: NOW, wide: true }).stdout).toBe(
      'NAME                          READY   STATUS              RESTARTS   AGE    IP            NODE                 NOMINATED NODE   READINESS GATES\n' +
      'reviews-v1-5b5d6494f4-kzqz7   2/2     Running             0          120m   10.244.0.12   kind-control-plane   <none>           <none>\n' +
      'new-one                       0/1     ContainerCreating   0          2s     <none>        kind-control-plane   <none>           <none>\n')
  })
})
