// A container's environment: PATH and HOSTNAME, the spec's env/envFrom, and the service link variables.
//
// Service links follow kubernetes.io/docs/concepts/containers/container-environment/
// and /services-networking/service/#environment-variables: for each Service in
// the pod's namespace that existed when the pod was created (and for the
// `kubernetes` master service), `<NAME>_SERVICE_HOST`, `<NAME>_SERVICE_PORT`,
// `<NAME>_PORT=tcp://ip:port` and the `<NAME>_PORT_<port>_<PROTO>*` family.
// Assumption: `$(VAR)` references inside env values are not expanded.

import { KUBERNETES_SERVICE_IP } from '../cluster/bootstrap'
import type { ObjectStore } from '../cluster/store'
import type { KubeObject } from '../cluster/types'
import { podHostname, podIp } from './pod-files'

interface EnvVar {
  name: string
  value?: string
  valueFrom?: {
    configMapKeyRef?: { name: string; key: string }
    secretKeyRef?: { name: string; key: string }
    fieldRef?: { fieldPath: string }
  }
}
interface EnvFrom { prefix?: string; configMapRef?: { name: string }; secretRef?: { name: string } }
export interface ContainerSpec { name: string; image?: string; env?: EnvVar[]; envFrom?: EnvFrom[]; ports?: { name?: string; containerPort: number }[] }
interface ServicePort { name?: string; port: number; protocol?: string }

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** Environments computed at one store state, per pod and container (apps ask on every request). */
const envCache = new WeakMap<ObjectStore, { version: string; byKey: Map<string, Record<string, string>> }>()

/** The container's environment as the kubelet sets it; one frozen object until the store changes. */
export function containerEnv(store: ObjectStore, pod: KubeObject, container: ContainerSpec): Readonly<Record<string, string>> {
  const version = `${store.resourceVersion()}/${store.size()}`
  let cache = envCache.get(store)
  if (cache?.version !== version) envCache.set(store, (cache = { version, byKey: new Map() }))
  const key = `${pod.metadata.uid}/${container.name}`
  let env = cache.byKey.get(key)
  if (!env) cache.byKey.set(key, (env = Object.freeze(computeEnv(store, pod, container))))
  return env
}

function computeEnv(store: ObjectStore, pod: KubeObject, container: ContainerSpec): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default'
  const env: Record<string, string> = { PATH, HOSTNAME: podHostname(pod) }
  for (const from of container.envFrom ?? []) Object.assign(env, prefixed(sourceData(store, ns, from), from.prefix ?? ''))
  for (const v of container.env ?? []) {
    const value = v.value ?? valueFrom(store, pod, v)
    if (value !== undefined) env[v.name] = value
  }
  Object.assign(env, serviceLinks(store, pod))
  env.HOME = '/root'
  return env
}

function sourceData(store: ObjectStore, ns: string, from: EnvFrom): Record<string, string> {
  if (from.configMapRef) return configMapData(store, ns, from.configMapRef.name)
  if (from.secretRef) return secretData(store, ns, from.secretRef.name)
  return {}
}

function prefixed(data: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [prefix + k, v]))
}

function configMapData(store: ObjectStore, ns: string, name: string): Record<string, string> {
  return ((store.get({ kind: 'ConfigMap', name, namespace: ns })?.data ?? {}) as Record<string, string>)
}

function secretData(store: ObjectStore, ns: string, name: string): Record<string, string> {
  const secret = store.get({ kind: 'Secret', name, namespace: ns })
  const data = (secret?.data ?? {}) as Record<string, string>
  const out: Record<string, string> = { ...((secret?.stringData ?? {}) as Record<string, string>) }
  for (const [k, v] of Object.entries(data)) {
    try { out[k] = atob(v) } catch { out[k] = v }
  }
  return out
}

function valueFrom(store: ObjectStore, pod: KubeObject, v: EnvVar): string | undefined {
  const ns = pod.metadata.namespace ?? 'default'
  const from = v.valueFrom
  if (from?.configMapKeyRef) return configMapData(store, ns, from.configMapKeyRef.name)[from.configMapKeyRef.key]
  if (from?.secretKeyRef) return secretData(store, ns, from.secretKeyRef.name)[from.secretKeyRef.key]
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': ns,
    'metadata.uid': pod.metadata.uid,
    'spec.nodeName': (pod.spec as { nodeName?: string } | undefined)?.nodeName,
    'spec.serviceAccountName': (pod.spec as { serviceAccountName?: string } | undefined)?.serviceAccountName ?? 'default',
    'status.podIP': podIp(pod),
    'status.hostIP': (pod.status as { hostIP?: string } | undefined)?.hostIP,
  }
  return from?.fieldRef ? fields[from.fieldRef.fieldPath] : undefined
}

/** `<NAME>_SERVICE_HOST` and friends for services created no later than the pod; headless services have none. */
export function serviceLinks(store: ObjectStore, pod: KubeObject): Record<string, string> {
  const ns = pod.metadata.namespace ?? 'default'
  const enabled = (pod.spec as { enableServiceLinks?: boolean } | undefined)?.enableServiceLinks !== false
  const services = enabled
    ? store.list({ kind: 'Service', namespace: ns }).filter((s) => s.metadata.creationTimestamp <= pod.metadata.creationTimestamp)
    : []
  const out: Record<string, string> = {}
  const master = store.get({ kind: 'Service', name: 'kubernetes', namespace: 'default' })
  for (const svc of [...services.filter((s) => !(ns === 'default' && s.metadata.name === 'kubernetes')), ...(master ? [master] : [])]) {
    Object.assign(out, linksFor(svc))
  }
  if (!master) Object.assign(out, linksFor({ metadata: { name: 'kubernetes' }, spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443 }] } } as unknown as KubeObject))
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)))
}

function linksFor(svc: KubeObject): Record<string, string> {
  const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: ServicePort[] }
  const ip = spec.clusterIP
  if (!ip || ip === 'None' || !spec.ports?.length) return {}
  const name = svc.metadata.name.toUpperCase().replace(/-/g, '_')
  const first = spec.ports[0]!
  const out: Record<string, string> = {
    [`${name}_SERVICE_HOST`]: ip,
    [`${name}_SERVICE_PORT`]: String(first.port),
    [`${name}_PORT`]: `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}`,
  }
  for (const p of spec.ports) {
    const proto = p.protocol ?? 'TCP'
    const prefix = `${name}_PORT_${p.port}_${proto}`
    if (p.name) out[`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port)
    out[prefix] = `${proto.toLowerCase()}://${ip}:${p.port}`
    out[`${prefix}_PROTO`] = proto.toLowerCase()
    out[`${prefix}_PORT`] = String(p.port)
    out[`${prefix}_ADDR`] = ip
  }
  return out
}
