// Integer probe: tells integer fields from other numbers by asking the real compiled validator.
//
// Declaration files say `number` for both int32 and double fields, but the
// schema the cluster validates with knows (a VirtualService weight is an
// integer: `weight: 0.5` is rejected). For each number field this puts 0.5 at
// that path of an otherwise empty object, runs the kubernetes-models validator
// and reads whether its type error asks for an integer. Shared definitions are
// probed once, through the first path that reaches them.
import type { JsonSchema } from './type-to-schema'

/** Runs the real validator; returns its AJV errors (empty when valid). */
export type Validate = (obj: Record<string, unknown>) => Array<{ instancePath: string; keyword: string; params: Record<string, unknown> }>

type Step = string | number

const MAX_DEPTH = 20

/** Rewrites `number` to `integer` in place wherever the validator asks for an integer. */
export function probeIntegers(root: JsonSchema, definitions: Record<string, JsonSchema>, base: Record<string, unknown>, validate: Validate): void {
  const visited = new Set<string>()
  const walk = (schema: JsonSchema, path: Step[]): void => {
    if (path.length > MAX_DEPTH) return
    const ref = schema.$ref as string | undefined
    if (ref) {
      const name = ref.slice('#/definitions/'.length)
      if (visited.has(name)) return
      visited.add(name)
      return walk(definitions[name]!, path)
    }
    if (typesOf(schema).includes('number') && asksForInteger(validate, base, path)) schema.type = replaceNumber(schema.type)
    for (const [key, child] of Object.entries((schema.properties as Record<string, JsonSchema>) ?? {})) walk(child, [...path, key])
    if (schema.items) walk(schema.items as JsonSchema, [...path, 0])
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') walk(schema.additionalProperties as JsonSchema, [...path, 'key'])
    for (const alt of (schema.anyOf as JsonSchema[]) ?? []) walk(alt, path)
  }
  walk(root, [])
}

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type
  return Array.isArray(t) ? (t as string[]) : typeof t === 'string' ? [t] : []
}

function replaceNumber(type: unknown): unknown {
  return Array.isArray(type) ? type.map((t) => (t === 'number' ? 'integer' : t)) : 'integer'
}

function asksForInteger(validate: Validate, base: Record<string, unknown>, path: Step[]): boolean {
  if (path.length === 0) return false
  const probe = withValueAt(structuredClone(base), path, 0.5)
  const pointer = '/' + path.join('/')
  return validate(probe).some((e) => e.instancePath === pointer && e.keyword === 'type' && String(e.params.type).includes('integer'))
}

/** Sets value at path, creating the objects and arrays on the way (replacing what the base had there). */
export function withValueAt(obj: Record<string, unknown>, path: Step[], value: unknown): Record<string, unknown> {
  let node: Record<string | number, unknown> = obj
  path.forEach((step, i) => {
    if (i === path.length - 1) return void (node[step] = value)
    const next = typeof path[i + 1] === 'number' ? [] : {}
    const existing = node[step]
    const reuse = existing !== null && typeof existing === 'object' && Array.isArray(existing) === Array.isArray(next)
    if (!reuse) node[step] = next
    node = node[step] as Record<string | number, unknown>
  })
  return obj
}
