// Schema errors: AJV error objects told in the API server's field-error wording.
//
// Wording follows apimachinery's field.Error (`<path>: Required value`,
// `<path>: Unsupported value: "x": supported values: "a", "b"`,
// `<path>: Invalid value: ...`) with kube-openapi's OpenAPI messages for the detail
// (`<path> in body must be of type integer: "string"`, `... should match '<re>'`,
// `... should be greater than or equal to 0`), as CRD validation prints them.

import { fieldPath, pointerSegments, valueAt } from './field-path'

/** The fields of an AJV ErrorObject this module reads. */
export interface AjvError {
  instancePath: string
  schemaPath: string
  keyword: string
  params: Record<string, unknown>
  message?: string
}

/** API server field errors for AJV errors against root, deduplicated, subschema noise dropped. */
export function fieldErrors(errors: readonly AjvError[], root: unknown): string[] {
  const out: string[] = []
  for (const err of errors) {
    if (/\/(oneOf|anyOf|allOf|not)\b/.test(err.schemaPath.replace(/^#/, ''))) continue
    if (err.keyword === 'additionalProperties') continue
    const text = fieldError(err, root)
    if (!out.includes(text)) out.push(text)
  }
  return out
}

/** Unknown fields an `additionalProperties: false` schema reported, as paths. */
export function additionalPropertyPaths(errors: readonly AjvError[]): string[] {
  return errors
    .filter((e) => e.keyword === 'additionalProperties')
    .map((e) => fieldPath([...pointerSegments(e.instancePath), String(e.params.additionalProperty)]))
}

function fieldError(err: AjvError, root: unknown): string {
  const path = fieldPath(pointerSegments(err.instancePath))
  const value = valueAt(root, err.instancePath)
  const at = path || '<root>'
  switch (err.keyword) {
    case 'required': {
      const missing = String(err.params.missingProperty)
      return `${path ? `${path}.` : ''}${missing}: Required value`
    }
    case 'type': {
      const actual = jsonType(value)
      return `${at}: Invalid value: "${actual}": ${at} in body must be of type ${String(err.params.type)}: "${actual}"`
    }
    case 'enum': {
      const allowed = (err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')
      return `${at}: Unsupported value: ${show(value)}: supported values: ${allowed}`
    }
    case 'const':
      return `${at}: Unsupported value: ${show(value)}: supported values: ${JSON.stringify(err.params.allowedValue)}`
    default:
      return `${at}: Invalid value: ${show(value)}: ${at} in body ${detail(err)}`
  }
}

function detail(err: AjvError): string {
  const p = err.params
  switch (err.keyword) {
    case 'pattern': return `should match '${String(p.pattern)}'`
    case 'format': return `must be of type ${String(p.format)}`
    case 'minimum': return `should be greater than or equal to ${String(p.limit)}`
    case 'maximum': return `should be less than or equal to ${String(p.limit)}`
    case 'exclusiveMinimum': return `should be greater than ${String(p.limit)}`
    case 'exclusiveMaximum': return `should be less than ${String(p.limit)}`
    case 'minLength': return `should be at least ${String(p.limit)} chars long`
    case 'maxLength': return `should be at most ${String(p.limit)} chars long`
    case 'minItems': return `should have at least ${String(p.limit)} items`
    case 'maxItems': return `should have at most ${String(p.limit)} items`
    case 'minProperties': return `should have at least ${String(p.limit)} properties`
    case 'maxProperties': return `should have at most ${String(p.limit)} properties`
    case 'uniqueItems': return `shouldn't contain duplicates`
    case 'oneOf': return 'must validate one and only one schema (oneOf)'
    case 'anyOf': return 'must validate at least one schema (anyOf)'
    default: return err.message ?? `fails ${err.keyword}`
  }
}

/** The JSON type name the API server reports for a value. */
export function jsonType(v: unknown): string {
  if (v === null || v === undefined) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

/** A value as Go's %#v-ish quoting shows it: strings quoted, numbers bare, objects by type. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return `"${jsonType(v)}"`
}
