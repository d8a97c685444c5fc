// Client-side apply as a three-way merge: live object, last-applied configuration, and the new manifest.
//
// Follows kubectl apply's documented merge (kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/
// "How apply calculates differences and merges changes"): fields in the manifest
// replace live ones, fields dropped since the last apply are cleared, fields the
// manifest never set (server defaults, controller-written spec like clusterIP) stay.
// Lists of named items (containers, ports) merge by name, other lists are replaced.

import { goJson } from '../printers'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

type Json = unknown
type Obj = Record<string, Json>

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The annotation value kubectl writes: compact JSON with sorted keys and a trailing newline. */
export function lastAppliedText(manifest: Obj): string {
  return goJson(manifest) + '\n'
}

export function threeWayMerge(live: Json, last: Json, desired: Json): Json {
  if (isObj(desired) && isObj(live)) {
    const out: Obj = { ...live }
    for (const [k, v] of Object.entries(desired)) out[k] = threeWayMerge(live[k], isObj(last) ? last[k] : undefined, v)
    if (isObj(last)) for (const k of Object.keys(last)) if (!(k in desired)) delete out[k]
    return out
  }
  if (Array.isArray(desired) && Array.isArray(live) && desired.every((d) => isObj(d) && typeof d.name === 'string')) {
    const lastList = Array.isArray(last) ? last : []
    return desired.map((d) => {
      const name = (d as Obj).name
      const l = live.find((x) => isObj(x) && x.name === name)
      return l === undefined ? d : threeWayMerge(l, lastList.find((x) => isObj(x) && x.name === name), d)
    })
  }
  if (Array.isArray(desired) && Array.isArray(live) && desired.length === live.length && desired.every(isObj)) {
    const lastList = Array.isArray(last) && last.length === desired.length ? last : []
    return desired.map((d, i) => threeWayMerge(live[i], lastList[i], d))
  }
  return desired
}
