// JSON merge patch (RFC 7386) and the strategic merge patch kubectl sends by default for built-in kinds.
//
// Strategic merge follows k8s.io/apimachinery/pkg/util/strategicpatch: lists
// with a patch merge key (containers/initContainers/volumes/env by
// "name", volumeMounts by "mountPath", container ports by "containerPort",
// service ports by "port", as the patchMergeKey tags of k8s.io/api say) are
// merged element by element; other lists are replaced. The `$patch: delete`
// and `$patch: replace` directives are honoured on list elements and maps.
// Assumption: keys we do not list behave as in RFC 7386 (replace), which is
// what the apiserver does for fields without a patchStrategy tag.

type Json = unknown
type JsonMap = Record<string, unknown>

const isMap = (v: unknown): v is JsonMap => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Nesting deeper than this is refused rather than recursed into. */
export const MAX_PATCH_DEPTH = 64

export class PatchError extends Error {}

/** RFC 7386: maps merge recursively, null deletes, anything else replaces. */
export function mergePatch(target: Json, patch: Json, depth = 0): Json {
  if (depth > MAX_PATCH_DEPTH) throw new PatchError('patch is nested too deeply')
  if (!isMap(patch)) return patch
  const out: JsonMap = isMap(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = mergePatch(out[k], v, depth + 1)
  }
  return out
}

/** The list fields whose elements merge by key; the key depends on the parent field. */
function mergeKeyFor(field: string, path: readonly string[]): string | undefined {
  if (['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'env', 'imagePullSecrets'].includes(field)) return 'name'
  if (field === 'volumeMounts') return 'mountPath'
  if (field === 'ports') return path.includes('containers') || path.includes('initContainers') ? 'containerPort' : 'port'
  return undefined
}

/** Strategic merge patch of a built-in object (see header for the list rules). */
export function strategicMergePatch(target: Json, patch: Json, path: readonly string[] = []): Json {
  if (path.length > MAX_PATCH_DEPTH) throw new PatchError('patch is nested too deeply')
  if (!isMap(patch)) return patch
  if (patch.$patch === 'replace') return withoutDirectives(patch)
  if (patch.$patch === 'delete') return undefined
  const out: JsonMap = isMap(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue
    if (v === null) { delete out[k]; continue }
    const key = mergeKeyFor(k, path)
    if (Array.isArray(v) && key) out[k] = mergeList(Array.isArray(out[k]) ? out[k] as Json[] : [], v, key, [...path, k])
    else if (isMap(v)) {
      const merged = strategicMergePatch(out[k], v, [...path, k])
      if (merged === undefined) delete out[k]
      else out[k] = merged
    } else out[k] = v
  }
  return out
}

/** Elements with a known key patch the live element with that key; new ones append; `$patch: delete` removes. */
function mergeList(live: Json[], patch: Json[], key: string, path: readonly string[]): Json[] {
  const out = [...live]
  for (const item of patch) {
    if (!isMap(item) || item[key] === undefined) {
      if (!isMap(item)) throw new PatchError(`unable to find api field in struct ${path[path.length - 1]} for the json field "${String(item)}"`)
      out.push(withoutDirectives(item))
      continue
    }
    const at = out.findIndex((e) => isMap(e) && e[key] === item[key])
    if (item.$patch === 'delete') { if (at >= 0) out.splice(at, 1); continue }
    if (at < 0) out.push(strategicMergePatch({}, item, path))
    else out[at] = strategicMergePatch(out[at], item, path)
  }
  return out
}

function withoutDirectives(m: JsonMap): JsonMap {
  const { $patch: _p, ...rest } = m
  return rest
}
