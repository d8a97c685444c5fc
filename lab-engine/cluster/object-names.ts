// Object names: validation of metadata.name and generateName suffixes.
//
// Rules follow kubernetes.io/docs/concepts/overview/working-with-objects/names/:
// most kinds need an RFC 1123 subdomain, Namespaces an RFC 1123 label, Services an RFC 1035 label.

import type { Rng } from '../core/rng'

const SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const LABEL_1123_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const LABEL_1035_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

/** The alphabet apimachinery's rand.String uses (no vowels, no confusable digits). */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'

/** The detail after `metadata.name: ` when name is not valid for kind, else null. */
export function nameProblem(kind: string, name: string): string | null {
  if (kind === 'Service') {
    if (name.length <= 63 && LABEL_1035_RE.test(name)) return null
    return `metadata.name: Invalid value: "${name}": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`
  }
  if (kind === 'Namespace') {
    if (name.length <= 63 && LABEL_1123_RE.test(name)) return null
    return `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`
  }
  if (name.length <= 253 && SUBDOMAIN_RE.test(name)) return null
  return `metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`
}

/** generateName + 5 random characters, as the API server names objects (e.g. pod name suffixes). */
export function generatedName(prefix: string, rng: Rng): string {
  let suffix = ''
  for (let i = 0; i < 5; i++) suffix += SUFFIX_ALPHABET[rng.int(SUFFIX_ALPHABET.length)]
  return prefix + suffix
}
