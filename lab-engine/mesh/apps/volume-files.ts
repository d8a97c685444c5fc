// Files a container sees through its ConfigMap, Secret and projected volumes: what a mounted nginx.conf reads as.
//
// Kubernetes docs (concepts/storage/volumes#configmap, "Configure a Pod to Use
// a ConfigMap", concepts/configuration/secret): every key of the ConfigMap or
// Secret becomes a file under the mount's `mountPath`, or only the keys listed
// in `items`, each at its `path`. A mount with `subPath` places that one entry
// (or sub-directory) of the volume at `mountPath`. Secret values are base64 and
// the file holds the decoded bytes; a ConfigMap's `binaryData` likewise. A
// `projected` volume merges its configMap and secret sources. Where mounts nest,
// the deepest mountPath holding the path decides, as the kernel's mount table does.
//
// Assumption: files are read as the container saw them when it started (callers
// cache the result per container start); the kubelet's later refresh of
// non-subPath mounts matters only to programs that re-read their files, and
// the modelled servers (nginx) read theirs at start.

import type { KubeObject } from '../../cluster/types'

/** Finds a ConfigMap or Secret in the pod's namespace. */
export type ObjectLookup = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => KubeObject | undefined

/** Most volume mounts looked at per container (a pathological pod spec cannot make reads slow). */
export const MAX_VOLUME_MOUNTS = 64
/** Longest file returned: a ConfigMap or Secret holds at most 1 MiB. */
export const MAX_MOUNTED_FILE_CHARS = 1024 * 1024

interface KeyToPath { key: string; path: string }
interface ObjectSource { name?: string; items?: KeyToPath[] }
interface Volume {
  name: string
  configMap?: ObjectSource
  secret?: { secretName?: string; items?: KeyToPath[] }
  projected?: { sources?: { configMap?: ObjectSource; secret?: ObjectSource }[] }
}
interface VolumeMount { name: string; mountPath: string; subPath?: string }
interface ContainerMounts { name: string; volumeMounts?: VolumeMount[] }

/** `/a//b/./c/` -> `/a/b/c`; `..` climbs (never above the root). */
export function normalisePath(path: string): string {
  const out: string[] = []
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..') out.pop()
    else out.push(part)
  }
  return out.join('/')
}

/** A base64 value decoded to text (UTF-8); undecodable values read as they are stored. */
function decoded(value: string): string {
  try {
    const bytes = Uint8Array.from(atob(value), (ch) => ch.charCodeAt(0))
    return new TextDecoder().decode(bytes)
  } catch {
    return value
  }
}

/** One ConfigMap's or Secret's entries by key, decoded. */
function entries(kind: 'ConfigMap' | 'Secret', obj: KubeObject | undefined): Map<string, string> {
  const out = new Map<string, string>()
  if (!obj) return out
  const asText = (kind === 'ConfigMap' ? obj.data : obj.stringData) as Record<string, string> | undefined
  const asBase64 = (kind === 'ConfigMap' ? obj.binaryData : obj.data) as Record<string, string> | undefined
  for (const [k, v] of Object.entries(asBase64 ?? {})) out.set(k, decoded(String(v)))
  for (const [k, v] of Object.entries(asText ?? {})) out.set(k, String(v))
  return out
}

/** The files one source projects, by path inside the volume. */
function projectedFiles(data: Map<string, string>, items: KeyToPath[] | undefined): Map<string, string> {
  if (!items?.length) return data
  const out = new Map<string, string>()
  for (const item of items) {
    const value = data.get(item.key)
    if (value !== undefined) out.set(normalisePath(item.path), value)
  }
  return out
}

function volumeFiles(volume: Volume, namespace: string, lookup: ObjectLookup): Map<string, string> {
  const sources: { kind: 'ConfigMap' | 'Secret'; name: string | undefined; items: KeyToPath[] | undefined }[] = []
  if (volume.configMap) sources.push({ kind: 'ConfigMap', name: volume.configMap.name, items: volume.configMap.items })
  if (volume.secret) sources.push({ kind: 'Secret', name: volume.secret.secretName, items: volume.secret.items })
  for (const s of volume.projected?.sources ?? []) {
    if (s.configMap) sources.push({ kind: 'ConfigMap', name: s.configMap.name, items: s.configMap.items })
    if (s.secret) sources.push({ kind: 'Secret', name: s.secret.name, items: s.secret.items })
  }
  const files = new Map<string, string>()
  for (const s of sources) {
    if (!s.name) continue
    for (const [path, text] of projectedFiles(entries(s.kind, lookup(s.kind, namespace, s.name)), s.items)) files.set(path, text)
  }
  return files
}

/** The mount holding `path` (deepest mountPath first) and the path inside its volume. */
function mountFor(mounts: readonly VolumeMount[], path: string): { mount: VolumeMount; inside: string } | undefined {
  let best: { mount: VolumeMount; inside: string; depth: number } | undefined
  for (const mount of mounts) {
    const at = normalisePath(mount.mountPath)
    const rest = path === at ? '' : at === '' ? path : path.startsWith(`${at}/`) ? path.slice(at.length + 1) : undefined
    if (rest === undefined || (best && best.depth >= at.length)) continue
    const inside = normalisePath([mount.subPath ?? '', rest].join('/'))
    best = { mount, inside, depth: at.length }
  }
  return best
}

/** What volumes put directly in a directory: file names, and whether a mount hides the image's own files there. */
export interface VolumeDirListing { names: string[]; replacesImage: boolean }

/** Splits `a/b/c` into its parent `a/b` and name `c`. */
function parentAndName(path: string): [string, string] {
  const i = path.lastIndexOf('/')
  return i < 0 ? ['', path] : [path.slice(0, i), path.slice(i + 1)]
}

/**
 * A directory lister over the container's mounts: the names volumes place directly in `dir`
 * (the entries of a mount covering it, plus mounts whose mountPath sits in it), sorted as
 * nginx's `include conf.d/*.conf` glob reads them. Sub-directories are not listed.
 */
export function volumeDirLister(pod: KubeObject, container: string, lookup: ObjectLookup): (dir: string) => VolumeDirListing {
  const spec = pod.spec as { volumes?: Volume[]; containers?: ContainerMounts[]; initContainers?: ContainerMounts[] } | undefined
  const c = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((x) => x.name === container)
  const mounts = (c?.volumeMounts ?? []).slice(0, MAX_VOLUME_MOUNTS)
  const namespace = pod.metadata.namespace ?? 'default'
  return (dir) => {
    const d = normalisePath(dir)
    const names = new Set<string>()
    const covering = mountFor(mounts, d)
    const volume = covering && spec?.volumes?.find((v) => v.name === covering.mount.name)
    if (covering && volume) {
      for (const path of volumeFiles(volume, namespace, lookup).keys()) {
        const [parent, name] = parentAndName(path)
        if (parent === covering.inside) names.add(name)
      }
    }
    for (const m of mounts) {
      const [parent, name] = parentAndName(normalisePath(m.mountPath))
      if (parent === d && name) names.add(name)
    }
    return { names: [...names].sort(), replacesImage: covering !== undefined }
  }
}

/**
 * A reader for the container's mounted files: the text at an absolute path when a
 * ConfigMap, Secret or projected volume provides it, else undefined (the image's
 * own file, or nothing; the caller knows the image's defaults).
 */
export function volumeFileReader(pod: KubeObject, container: string, lookup: ObjectLookup): (path: string) => string | undefined {
  const spec = pod.spec as { volumes?: Volume[]; containers?: ContainerMounts[]; initContainers?: ContainerMounts[] } | undefined
  const c = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((x) => x.name === container)
  const mounts = (c?.volumeMounts ?? []).slice(0, MAX_VOLUME_MOUNTS)
  const namespace = pod.metadata.namespace ?? 'default'
  return (path) => {
    const found = mountFor(mounts, normalisePath(path))
    const volume = found && spec?.volumes?.find((v) => v.name === found.mount.name)
    if (!found || !volume) return undefined
    return volumeFiles(volume, namespace, lookup).get(found.inside)?.slice(0, MAX_MOUNTED_FILE_CHARS)
  }
}
