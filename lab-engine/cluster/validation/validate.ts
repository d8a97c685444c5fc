// Object validation: one entry that answers, for a manifest object, what a real cluster would say on create.
//
// Order follows the request path of `kubectl apply` on a kind cluster:
// kubectl's client-side type-meta check, REST mapping (`no matches for kind`,
// also for Istio kinds before Istio's CRDs exist), strict decoding and OpenAPI
// validation in the API server, then Istio's validating admission webhook.

import { kindFor, noMatchMessage } from '../kinds'
import { istioSemanticErrors, istioWebhookMessage } from './istio-semantics'
import { validationMessage } from './manifest'
import { validateSchema } from './schema-validate'

export interface ValidateOptions {
  /** The file name as typed; kubectl says "STDIN" for `-f -`. */
  source?: string
  /** Istio's CRDs and webhook exist (after `istioctl install`). */
  istioInstalled: boolean
}

export type ValidateResult = { ok: true } | { ok: false; message: string }

export function validateObject(obj: Record<string, unknown>, opts: ValidateOptions): ValidateResult {
  const source = opts.source ?? 'STDIN'
  const missing = [
    ...(typeof obj.apiVersion === 'string' && obj.apiVersion ? [] : ['apiVersion not set']),
    ...(typeof obj.kind === 'string' && obj.kind ? [] : ['kind not set']),
  ]
  if (missing.length > 0) return { ok: false, message: validationMessage(source, missing) }
  const apiVersion = obj.apiVersion as string
  const kind = obj.kind as string
  const info = kindFor(apiVersion, kind)
  if (!info || (info.istio && !opts.istioInstalled)) return { ok: false, message: resourceMappingMessage(obj, source) }
  const schema = validateSchema(obj, { source })
  if (!schema.ok && schema.reason !== 'NoSchema') return { ok: false, message: schema.message }
  const webhook = info.istio ? istioSemanticErrors(obj) : []
  if (webhook.length > 0) {
    return { ok: false, message: `Error from server (BadRequest): error when creating "${source}": ${istioWebhookMessage(webhook)}` }
  }
  return { ok: true }
}

/** kubectl's REST-mapping failure for a kind the cluster does not serve. */
export function resourceMappingMessage(obj: Record<string, unknown>, source: string): string {
  const meta = obj.metadata && typeof obj.metadata === 'object' ? (obj.metadata as Record<string, unknown>) : {}
  const name = typeof meta.name === 'string' ? meta.name : ''
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : ''
  return `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${source}": ${noMatchMessage(String(obj.apiVersion), String(obj.kind))}\nensure CRDs are installed first`
}
