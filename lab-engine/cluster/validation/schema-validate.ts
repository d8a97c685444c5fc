// Schema validation: an object checked against the real Kubernetes / Istio schema, answered as the API server does.
//
// Order follows the API server: decoding with strict field validation first
// (`strict decoding error: unknown field "spec.replicass"`, a BadRequest), then
// OpenAPI validation (`The Deployment "web" is invalid: ...`, Invalid; several
// errors print as `[a, b]`, apimachinery's aggregate).

import { additionalPropertyPaths, fieldErrors, type AjvError } from './schema-errors'
import { modelFor } from './schema-table'
import { track } from './unknown-fields'

export type SchemaResult =
  | { ok: true }
  | { ok: false; reason: 'BadRequest' | 'Invalid' | 'NoSchema'; message: string }

export interface SchemaOptions {
  /** The file name as typed; kubectl says "STDIN" for `-f -`. */
  source?: string
}

export function validateSchema(obj: Record<string, unknown>, opts: SchemaOptions = {}): SchemaResult {
  const apiVersion = String(obj.apiVersion ?? '')
  const kind = String(obj.kind ?? '')
  const model = modelFor(apiVersion, kind)
  if (!model) return { ok: false, reason: 'NoSchema', message: `no schema for kind "${kind}" in version "${apiVersion}"` }
  // A copy: Proxy invariants forbid wrapping the properties of frozen (stored) objects.
  const tracked = track(structuredClone(obj))
  const errors = runValidator(model.prototype.validate, tracked.proxy)
  const unknown = [...tracked.unknownFields(), ...additionalPropertyPaths(errors)]
  if (unknown.length > 0) return { ok: false, reason: 'BadRequest', message: strictDecodingMessage(obj, unknown, opts.source) }
  const details = fieldErrors(errors, obj)
  if (details.length === 0) return { ok: true }
  return { ok: false, reason: 'Invalid', message: invalidMessage(kind, nameOf(obj), details) }
}

/** Runs a model's validate() on data; the AJV errors it threw, or none. */
function runValidator(validate: () => void, data: object): AjvError[] {
  try {
    validate.call(data)
    return []
  } catch (e) {
    const errors = (e as { errors?: unknown }).errors
    if (Array.isArray(errors)) return errors as AjvError[]
    throw e
  }
}

/** `The Deployment "web" is invalid: <detail>`, or `[a, b]` for several. */
export function invalidMessage(kind: string, name: string, details: readonly string[]): string {
  const detail = details.length === 1 ? details[0] : `[${details.join(', ')}]`
  return `The ${kind} "${name}" is invalid: ${detail}`
}

function strictDecodingMessage(obj: Record<string, unknown>, unknown: string[], source = 'STDIN'): string {
  const kind = String(obj.kind)
  const version = String(obj.apiVersion).split('/').pop()
  const fields = [...new Set(unknown)].map((f) => `unknown field "${f}"`).join(', ')
  return `Error from server (BadRequest): error when creating "${source}": ${kind} in version "${version}" cannot be handled as a ${kind}: strict decoding error: ${fields}`
}

export function nameOf(obj: Record<string, unknown>): string {
  const meta = obj.metadata
  if (meta && typeof meta === 'object' && typeof (meta as Record<string, unknown>).name === 'string') return (meta as { name: string }).name
  return ''
}
