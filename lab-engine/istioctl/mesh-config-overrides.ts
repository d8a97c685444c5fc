// `istioctl install --set meshConfig.x.y=v` and an IstioOperator's spec.meshConfig: merged into the
// mesh config istiod reads (the `mesh` key of the `istio` ConfigMap in istio-system).
//
// Istio's "Accessing External Services" task switches the outbound policy this way
// (`--set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY`), and the access-log task
// turns on `meshConfig.accessLogFile=/dev/stdout`. Values parse as Helm's --set does:
// true/false, integers, otherwise strings. Reinstalling with new values updates the map.
import { parse, stringify } from 'yaml'
import type { ObjectStore } from '../cluster/store'
import { IstioctlError } from './context'

/** Nesting a --set path may have. */
const MAX_PATH_DEPTH = 8

type Tree = Record<string, unknown>

/** meshConfig.* entries of the --set flags, as one nested object. */
export function meshConfigFromSets(sets: readonly string[]): Tree {
  const out: Tree = {}
  for (const s of sets) {
    const eq = s.indexOf('=')
    const path = s.slice(0, eq).split('.')
    if (path[0] !== 'meshConfig' || path.length < 2) continue
    if (path.length > MAX_PATH_DEPTH + 1 || path.some((p) => p === '' || p === '__proto__')) throw new IstioctlError(`invalid --set path: ${s.slice(0, eq)}`)
    let node = out
    for (const key of path.slice(1, -1)) node = (node[key] = typeof node[key] === 'object' && node[key] !== null ? node[key] : {}) as Tree
    node[path.at(-1)!] = helmValue(s.slice(eq + 1))
  }
  return out
}

function helmValue(v: string): unknown {
  if (v === 'true' || v === 'false') return v === 'true'
  if (/^-?\d+$/.test(v)) return Number(v)
  return v
}

/** Deep-merges overrides into the stored mesh config; a no-op when there are none or Istio is absent. */
export function applyMeshConfig(store: ObjectStore, overrides: Tree): void {
  if (Object.keys(overrides).length === 0) return
  const ref = { kind: 'ConfigMap', apiVersion: 'v1', namespace: 'istio-system', name: 'istio' }
  if (!store.get(ref)) return
  store.mutate(ref, (draft) => {
    const data = (draft.data ?? {}) as Record<string, string>
    const current = (parse(data.mesh ?? '') ?? {}) as Tree
    draft.data = { ...data, mesh: stringify(merge(current, overrides)) }
  })
}

function merge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base }
  for (const [k, v] of Object.entries(over)) {
    const b = out[k]
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && b && typeof b === 'object' && !Array.isArray(b) ? merge(b as Tree, v as Tree) : v
  }
  return out
}
