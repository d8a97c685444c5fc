// Proxy settings telemetry needs: whether Envoy access logs are on, and each proxy's stats inclusions.
//
// Istio docs, tasks/observability/logs/access-log: access logging is on when
// meshConfig.accessLogFile is set (the demo profile sets /dev/stdout); the proxy then
// prints one line per request to its stdout, i.e. `kubectl logs <pod> -c istio-proxy`.
// Istio ProxyConfig reference (proxyStatsMatcher): inclusionPrefixes, inclusionSuffixes
// and inclusionRegexps extend the stats Envoy keeps, from meshConfig.defaultConfig or a
// pod's `proxy.istio.io/config` annotation (the annotation wins, field by field).
import { parse as parseYaml } from 'yaml'
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { ISTIO_NAMESPACE } from '../../istio/version'
import type { StatsInclusion } from '../../telemetry'

/** Longest mesh config or annotation text parsed; longer ones are ignored. */
export const MAX_PROXY_CONFIG_CHARS = 64_000
/** Inclusion patterns kept per list. */
export const MAX_INCLUSIONS = 100

interface RawProxyConfig { proxyStatsMatcher?: { inclusionPrefixes?: unknown; inclusionSuffixes?: unknown; inclusionRegexps?: unknown } }
interface RawMesh { accessLogFile?: unknown; defaultConfig?: RawProxyConfig }

const meshCache = new WeakMap<ObjectStore, { key: string; mesh: RawMesh }>()

function parseObject<T>(text: unknown): T | undefined {
  if (typeof text !== 'string' || text.length > MAX_PROXY_CONFIG_CHARS) return undefined
  try {
    const v = parseYaml(text) as unknown
    return v && typeof v === 'object' ? (v as T) : undefined
  } catch {
    return undefined
  }
}

/** The parsed `mesh` key of istio-system/istio, re-read when the store changes. */
function rawMesh(store: ObjectStore): RawMesh {
  const key = `${store.resourceVersion()}`
  const hit = meshCache.get(store)
  if (hit?.key === key) return hit.mesh
  const cm = store.get({ kind: 'ConfigMap', name: 'istio', namespace: ISTIO_NAMESPACE })
  const mesh = parseObject<RawMesh>((cm?.data as Record<string, unknown> | undefined)?.mesh) ?? {}
  meshCache.set(store, { key, mesh })
  return mesh
}

/** meshConfig.accessLogFile, or undefined when access logging is off. */
export function accessLogFile(store: ObjectStore): string | undefined {
  const f = rawMesh(store).accessLogFile
  return typeof f === 'string' && f !== '' ? f : undefined
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, MAX_INCLUSIONS) : undefined
}

function validRegex(r: string): boolean {
  try {
    new RegExp(r)
    return true
  } catch {
    return false
  }
}

/** The extra stats inclusions of one pod's proxy (annotation over mesh default). */
export function statsInclusionsFor(store: ObjectStore, pod: KubeObject): Partial<StatsInclusion> {
  const annotation = parseObject<RawProxyConfig>(pod.metadata.annotations?.['proxy.istio.io/config'])?.proxyStatsMatcher
  const mesh = rawMesh(store).defaultConfig?.proxyStatsMatcher
  const pick = (k: 'inclusionPrefixes' | 'inclusionSuffixes' | 'inclusionRegexps') => strings(annotation?.[k]) ?? strings(mesh?.[k]) ?? []
  return { prefixes: pick('inclusionPrefixes'), suffixes: pick('inclusionSuffixes'), regexps: pick('inclusionRegexps').filter(validRegex) }
}
