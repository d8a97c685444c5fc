// Object fixtures for printer tests, shaped like what a kind cluster with Bookinfo returns.
import type { KubeObject } from '../../cluster/types'

export const NOW = Date.parse('2026-01-01T01:00:00Z')
/** A creation timestamp `secondsAgo` before NOW. */
export const ago = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString().replace('.000Z', 'Z')

let uid = 0
export function obj(apiVersion: string, kind: string, name: string, namespace: string | undefined, secondsAgo: number, rest: Record<string, unknown> = {}, labels?: Record<string, string>): KubeObject {
  const { metadata, ...fields } = rest as { metadata?: Record<string, unknown> }
  return {
    apiVersion, kind,
    metadata: { name, ...(namespace ? { namespace } : {}), uid: `uid-${++uid}`, resourceVersion: '1', generation: 1, creationTimestamp: ago(secondsAgo), ...(labels ? { labels } : {}), ...metadata },
    ...fields,
  }
}

export interface PodOpts { ready?: boolean; containers?: string[]; waiting?: string; terminated?: { reason?: string; exitCode: number }; restarts?: number; phase?: string; ip?: string; deleting?: boolean }

export function pod(name: string, secondsAgo: number, o: PodOpts = {}, labels?: Record<string, string>): KubeObject {
  const containers = o.containers ?? ['app']
  const state = o.waiting ? { waiting: { reason: o.waiting } } : o.terminated ? { terminated: o.terminated } : { running: { startedAt: ago(secondsAgo) } }
  return obj('v1', 'Pod', name, 'default', secondsAgo, {
    ...(o.deleting ? { metadata: { deletionTimestamp: ago(0) } } : {}),
    spec: { nodeName: 'kind-control-plane', containers: containers.map((c) => ({ name: c, image: `docker.io/istio/${c}:1.20.2` })) },
    status: {
      phase: o.phase ?? 'Running', podIP: o.ip ?? '10.244.0.7', podIPs: o.ip === '' ? [] : [{ ip: o.ip ?? '10.244.0.7' }],
      containerStatuses: containers.map((c) => ({ name: c, ready: o.ready ?? true, restartCount: o.restarts ?? 0, state })),
    },
  }, labels)
}
