// Pod template hash: the `pod-template-hash` label and ReplicaSet name suffix a Deployment derives from its template.
//
// kubernetes.io/docs/concepts/workloads/controllers/deployment/#pod-template-hash-label:
// the hash is computed from the PodTemplate, so the same template gives the same
// hash. Like controller.ComputeHash in kubernetes/pkg/controller, it is FNV-1a
// (32 bit) over the template (plus collisionCount), written in decimal and then
// mapped onto apimachinery's safe alphabet (rand.SafeEncodeString).

import { deepEqual } from '../object-change'

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash'

/** apimachinery/pkg/util/rand: no vowels, no confusable characters. */
export const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** JSON with object keys sorted, so key order never changes the hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

function fnv1a32(text: string): number {
  let h = 0x811c9dc5
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193)
  return h >>> 0
}

/** rand.SafeEncodeString: each character c becomes SAFE_ALPHABET[c % 27]. */
export function safeEncode(text: string): string {
  return [...text].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join('')
}

/**
 * Ten characters for a template. The decimal form is zero-padded to ten digits
 * so every hash has the length real ones almost always have.
 */
export function podTemplateHash(template: unknown, collisionCount = 0): string {
  const text = canonicalJson(withoutHash(template)) + (collisionCount > 0 ? `#${collisionCount}` : '')
  return safeEncode(String(fnv1a32(text)).padStart(10, '0'))
}

/** The template without its pod-template-hash label. */
export function withoutHash<T>(template: T): T {
  const t = structuredClone(template) as { metadata?: { labels?: Record<string, string> } }
  if (t?.metadata?.labels) {
    delete t.metadata.labels[POD_TEMPLATE_HASH_LABEL]
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels
  }
  return t as T
}

/** controller.EqualIgnoreHash: templates equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return deepEqual(withoutHash(a), withoutHash(b))
}
