// TypeScript type -> JSON Schema: the editor schemas are read from kubernetes-models' declaration files.
//
// kubernetes-models and @kubernetes-models/istio ship their OpenAPI / CRD
// schemas only as compiled AJV validators (no schema text), but their .d.ts
// files keep the structure, the enums and the upstream field descriptions
// (which the editor shows on hover). This walks those types with the compiler's
// checker. Named interfaces become shared `definitions` (PodSpec is used by
// Pod, Deployment and ReplicaSet; JSONSchemaProps is recursive). A union of
// object shapes (the CRDs' oneOf: `exact | prefix | regex`) is merged into one
// object whose fields are all optional: completion offers every choice, and
// the server still enforces "exactly one" on apply.
import ts from 'typescript'

export type JsonSchema = { [key: string]: unknown }

export interface SchemaWalker {
  /** The schema for a type; named interfaces are added to `definitions` and referenced. */
  schemaOf(type: ts.Type): JsonSchema
  /** A kind's own schema, inline (kind interfaces share names across API versions). */
  rootSchema(type: ts.Type): JsonSchema
  readonly definitions: Record<string, JsonSchema>
}

export function createWalker(checker: ts.TypeChecker): SchemaWalker {
  const definitions: Record<string, JsonSchema> = {}
  const names = new Map<ts.Symbol, string>()
  const walker: SchemaWalker = { definitions, schemaOf: (t) => schemaOf(t), rootSchema: (t) => inline(t) }

  function schemaOf(type: ts.Type): JsonSchema {
    const symbol = checker.isArrayType(type) ? undefined : namedSymbol(type)
    if (!symbol) return inline(type)
    let name = names.get(symbol)
    if (!name) {
      name = uniqueName(symbol.name.replace(/^I(?=[A-Z])/, ''))
      names.set(symbol, name)
      definitions[name] = {} // placeholder first: recursive types refer to themselves
      definitions[name] = inline(type)
    }
    return { $ref: `#/definitions/${name}` }
  }

  function uniqueName(base: string): string {
    let name = base
    for (let n = 2; definitions[name]; n++) name = `${base}${n}`
    return name
  }

  function inline(type: ts.Type): JsonSchema {
    if (type.flags & ts.TypeFlags.Union) return unionSchema((type as ts.UnionType).types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)))
    if (type.flags & (ts.TypeFlags.String | ts.TypeFlags.TemplateLiteral)) return { type: 'string' }
    if (type.flags & ts.TypeFlags.Number) return { type: 'number' }
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' }
    if (type.isStringLiteral()) return { type: 'string', enum: [type.value] }
    if (type.isNumberLiteral()) return { type: 'number', enum: [type.value] }
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {}
    if (checker.isArrayType(type)) return { type: 'array', items: schemaOf(checker.getTypeArguments(type as ts.TypeReference)[0]!) }
    return objectSchema(type)
  }

  function unionSchema(members: ts.Type[]): JsonSchema {
    if (members.length === 1) return schemaOf(members[0]!)
    if (members.every((t) => t.isStringLiteral())) return { type: 'string', enum: members.map((t) => (t as ts.StringLiteralType).value) }
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' }
    const scalars = new Set(members.map(scalarName))
    // Kubernetes' IntOrString (ports, maxSurge): always an integer or a string.
    if (scalars.size === 2 && scalars.has('number') && scalars.has('string')) return { type: ['integer', 'string'] }
    if (members.every((t) => scalarName(t) === 'object' && !checker.isArrayType(t))) return mergedObjects(members)
    return { anyOf: members.map(schemaOf) }
  }

  function scalarName(t: ts.Type): string {
    if (t.flags & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return 'string'
    if (t.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return 'number'
    if (t.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return 'boolean'
    return 'object'
  }

  /** One object with every member's fields, none required: the editor offers all choices of a oneOf. */
  function mergedObjects(members: ts.Type[]): JsonSchema {
    const byName = new Map<string, ts.Symbol>()
    for (const member of members) for (const prop of checker.getPropertiesOfType(member)) if (!byName.has(prop.name)) byName.set(prop.name, prop)
    return { type: 'object', properties: propertySchemas([...byName.values()]), additionalProperties: false }
  }

  function propertySchemas(props: ts.Symbol[]): Record<string, JsonSchema> {
    const properties: Record<string, JsonSchema> = {}
    for (const prop of props) properties[prop.name] = withDescription(schemaOf(checker.getTypeOfSymbol(prop)), describe(prop))
    return properties
  }

  function objectSchema(type: ts.Type): JsonSchema {
    const props = checker.getPropertiesOfType(type)
    const index = type.getStringIndexType()
    if (props.length === 0) return index ? { type: 'object', additionalProperties: schemaOf(index) } : {}
    const required = props.filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name)
    return {
      type: 'object',
      properties: propertySchemas(props),
      ...(required.length ? { required } : {}),
      additionalProperties: index ? schemaOf(index) : false,
    }
  }

  function describe(symbol: ts.Symbol): string {
    return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim()
  }

  return walker
}

/** Interfaces are shared by name; anonymous literals (the CRD kinds' nested fields) stay inline. */
function namedSymbol(type: ts.Type): ts.Symbol | undefined {
  const symbol = type.aliasSymbol ?? type.getSymbol()
  return symbol && symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias) ? symbol : undefined
}

/**
 * The field's own description beside a $ref: the editor's language service
 * keeps a node's own keywords over the referenced ones, and AJV treats
 * `description` as an annotation.
 */
function withDescription(schema: JsonSchema, description: string): JsonSchema {
  return description ? { description, ...schema } : schema
}
