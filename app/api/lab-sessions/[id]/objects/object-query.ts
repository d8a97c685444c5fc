// The cluster explorer's query inputs: a resource type as kubectl takes it, a namespace, an object name; with named limits.
import { z } from 'zod'
import { ApiError } from '@/lib/api/api-error'
import { resolveResource, unknownResourceMessage, type KindInfo } from '@/lab-engine/cluster/kinds'

/** Longest resource type accepted ("virtualservices.v1beta1.networking.istio.io" fits). */
export const KIND_MAX = 80
/** Namespaces are DNS labels (RFC 1123): at most 63 characters. */
export const NAMESPACE_MAX = 63
/** Object names are DNS subdomains: at most 253 characters. */
export const NAME_MAX = 253
/** Rows one list answer carries; the rest are counted in `truncated`. */
export const MAX_OBJECT_ROWS = 500

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/

const kindField = z.string().trim().min(1, 'Name a resource type, e.g. pods.').max(KIND_MAX, `A resource type is at most ${KIND_MAX} characters.`)
const namespaceField = z.string().trim().max(NAMESPACE_MAX, `A namespace is at most ${NAMESPACE_MAX} characters.`)
  .regex(dnsLabel, 'A namespace is lower-case letters, digits and dashes.')

export const listObjectsQuery = z.object({
  kind: kindField,
  /** Absent or empty: all namespaces (kubectl get -A). */
  namespace: z.union([z.literal(''), namespaceField]).optional(),
})

export const objectYamlQuery = z.object({
  kind: kindField,
  namespace: z.union([z.literal(''), namespaceField]).optional(),
  name: z.string().trim().min(1, 'Name the object.').max(NAME_MAX, `A name is at most ${NAME_MAX} characters.`)
    .regex(dnsSubdomain, 'An object name is lower-case letters, digits, dots and dashes.'),
})

/** The search params as a plain object (a repeated key keeps its first value). */
export function queryOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of new URL(req.url).searchParams) if (!(k in out)) out[k] = v
  return out
}

/** The kind a typed resource type names; 400 with kubectl's wording when the server has no such type. */
export function kindOf(typed: string): KindInfo {
  const info = resolveResource(typed)
  if (!info) throw new ApiError('bad_request', unknownResourceMessage(typed))
  return info
}
