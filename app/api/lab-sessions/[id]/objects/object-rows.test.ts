// Explorer rows and YAML from plain objects, as a kind cluster's API returns them (managedFields included).
import { describe, expect, it } from 'vitest'
import { kindByName } from '@/lab-engine/cluster/kinds'
import type { KubeObject } from '@/lab-engine/drivers/cluster-driver'
import { objectTable, objectYaml } from './object-rows'

const NOW = Date.parse('2026-01-01T01:00:00Z')

const pod = (name: string, waiting?: string): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'default', creationTimestamp: '2026-01-01T00:55:00Z', managedFields: [{ manager: 'kubectl', operation: 'Apply' }] },
  spec: { containers: [{ name: 'web', image: 'nginx' }, { name: 'istio-proxy', image: 'proxyv2' }] },
  status: {
    phase: waiting ? 'Pending' : 'Running',
    containerStatuses: [
      { name: 'web', ready: !waiting, restartCount: waiting ? 3 : 0, state: waiting ? { waiting: { reason: waiting } } : { running: {} } },
      { name: 'istio-proxy', ready: true, restartCount: 0, state: { running: {} } },
    ],
  },
})

describe('objectTable', () => {
  it('gives kubectl get columns per row, and the containers of a pod', () => {
    const t = objectTable(kindByName('Pod')!, 'v1', [pod('web-1'), pod('web-2', 'CrashLoopBackOff')], NOW, 10)
    expect(t.columns).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'])
    expect(t.rows.map((r) => r.cells)).toEqual([['web-1', '2/2', 'Running', '0', '5m'], ['web-2', '1/2', 'CrashLoopBackOff', '3', '5m']])
    expect(t.rows[1]!.containers).toEqual([
      { name: 'web', image: 'nginx', ready: false, restarts: 3, state: 'waiting: CrashLoopBackOff', sidecar: false },
      { name: 'istio-proxy', image: 'proxyv2', ready: true, restarts: 0, state: 'running', sidecar: true },
    ])
  })

  it('stops at the row limit and counts the rest', () => {
    const t = objectTable(kindByName('Pod')!, 'v1', [pod('a'), pod('b'), pod('c')], NOW, 2)
    expect([t.rows.length, t.truncated]).toEqual([2, 1])
  })
})

describe('objectYaml', () => {
  it('drops managedFields as kubectl get -o yaml does by default', () => {
    const text = objectYaml(pod('web-1'))
    expect(text).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: "2026-01-01T00:55:00Z"\n  name: web-1\n/)
    expect(text).not.toContain('managedFields')
  })
})
