// Unknown fields: what strict field validation (`kubectl --validate=strict`, the default) rejects.
//
// The compiled validators in kubernetes-models keep no schema text to walk, but
// each one reads exactly the properties its schema declares. So the object is
// validated through a recording Proxy: at every object node the validator looked
// into, a key it never read is unknown. A node whose keys the validator
// enumerated (a map such as labels, additionalProperties) or never looked into
// (free-form fields such as EnvoyFilter patch values) has no unknown keys.
// Follows kubernetes.io/docs/reference/using-api/api-concepts/#field-validation.

import { fieldPath } from './field-path'

interface NodeRecord {
  read: Set<string>
  enumerated: boolean
}

export interface Tracked<T> {
  proxy: T
  /** Paths of unknown fields, in document order, once the validator has run. */
  unknownFields(): string[]
}

export function track<T extends object>(root: T): Tracked<T> {
  const records = new WeakMap<object, NodeRecord>()
  const proxies = new WeakMap<object, object>()
  const wrap = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v
    const cached = proxies.get(v)
    if (cached) return cached
    const rec: NodeRecord = { read: new Set(), enumerated: false }
    records.set(v, rec)
    const p = new Proxy(v, {
      get(t, k, r) {
        const child = Reflect.get(t, k, r)
        if (typeof k !== 'string') return child
        rec.read.add(k)
        return Object.hasOwn(t, k) ? wrap(child) : child
      },
      has(t, k) {
        if (typeof k === 'string') rec.read.add(k)
        return Reflect.has(t, k)
      },
      ownKeys(t) {
        rec.enumerated = true
        return Reflect.ownKeys(t)
      },
    })
    proxies.set(v, p)
    return p
  }
  return { proxy: wrap(root) as T, unknownFields: () => collectUnknown(root, records) }
}

function collectUnknown(root: object, records: WeakMap<object, NodeRecord>): string[] {
  const out: string[] = []
  const visit = (v: unknown, path: Array<string | number>, depth: number): void => {
    if (v === null || typeof v !== 'object' || depth > 200) return
    const rec = records.get(v)
    if (!rec) return
    if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, [...path, i], depth + 1))
      return
    }
    const checked = !rec.enumerated && rec.read.size > 0
    for (const [key, child] of Object.entries(v)) {
      if (checked && !rec.read.has(key)) out.push(fieldPath([...path, key]))
      else visit(child, [...path, key], depth + 1)
    }
  }
  visit(root, [], 0)
  return out
}
