// kubectl explain RESOURCE[.field.path]: the documentation of a kind or one of its fields, from explain-fields.ts.
//
// Shape follows kubectl v1.33's OpenAPI v3 plaintext template
// (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl): GROUP (non-core
// only), KIND, VERSION, then `FIELD: name <type>` for a field path, an ENUM
// list when the field has one, DESCRIPTION wrapped at 80 columns with a
// 4-space indent, and FIELDS as `  name\t<type>` (with ` -required-`)
// followed by the indented description and a blank line. Unknown fields are
// `error: field "x" does not exist`. Assumption: the blank-line layout between
// sections matches the template as we read it; kinds without a documented
// table print their DESCRIPTION only; --recursive lists the documented fields
// as an indented tree without descriptions.

import { kindFor } from '../../cluster/kinds'
import { KubectlError, resolveType, type Verb } from './context'
import { bool, flag } from './flags'
import { TYPES, type FieldDoc, type TypeDoc } from './explain-fields'

const WRAP = 76

export const explainVerb: Verb = {
  name: 'explain',
  flags: [{ name: 'recursive' }, { name: 'api-version', value: true }, { name: 'output', short: 'o', value: true }],
  run(ctx) {
    const [target, ...extra] = ctx.flags.args
    const recursive = bool(ctx.flags, 'recursive')
    if (!target) throw new KubectlError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.')
    if (extra.length > 0) throw new KubectlError(`We accept only this format: explain RESOURCE\n`)
    const output = flag(ctx.flags, 'output')
    if (output && output !== 'plaintext') throw new KubectlError(`unsupported output format: ${output}; supported formats: plaintext, plaintext-openapiv2`)
    const [typed, ...path] = target.split('.')
    const info = resolveType(ctx.env, typed!)
    const apiVersion = info.group ? `${info.group}/${info.versions[0]}` : info.versions[0]!
    ctx.out(explain(info.kind, apiVersion, path, recursive))
    return 0
  },
}

/** The explain text for kind (at apiVersion) and a field path below it. */
export function explain(kind: string, apiVersion: string, path: readonly string[], recursive = false): string {
  const info = kindFor(apiVersion, kind)
  const head = [...(info?.group ? [`GROUP:      ${info.group}`] : []), `KIND:       ${kind}`, `VERSION:    ${info?.versions[0] ?? apiVersion}`, '']
  let type: TypeDoc | undefined = TYPES[kind]
  if (!type) return [...head, 'DESCRIPTION:', '    <empty>', ''].join('\n') + '\n'
  let field: FieldDoc | undefined
  for (const name of path) {
    field = type?.fields[name]
    if (!field) throw new KubectlError(`field "${name}" does not exist`)
    type = field.ref ? TYPES[field.ref] : undefined
  }
  const lines = [...head]
  if (field) {
    lines.push(`FIELD: ${path[path.length - 1]} <${field.type}>`)
    if (field.enum) lines.push('ENUM:', ...field.enum.map((e) => `    ${e}`))
    lines.push('')
  }
  lines.push('DESCRIPTION:', ...wrap(field?.desc ?? type!.desc, '    '), '    ')
  if (type && recursive) lines.push('FIELDS:', ...fieldTree(type, 1, 0))
  else if (type && Object.keys(type.fields).length > 0) {
    lines.push('FIELDS:')
    for (const name of Object.keys(type.fields).sort()) {
      const f = type.fields[name]!
      lines.push(`  ${name}\t<${f.type}>${f.required ? ' -required-' : ''}`)
      if (f.enum) lines.push(`  enum: ${f.enum.join(', ')}`)
      lines.push(...wrap(f.desc, '    '), '')
    }
  }
  return lines.join('\n') + '\n'
}

/** --recursive: every documented field below, two spaces deeper per level, no descriptions. */
function fieldTree(type: TypeDoc, level: number, depth: number): string[] {
  if (depth > 16) return []
  return Object.keys(type.fields).sort().flatMap((name) => {
    const f = type.fields[name]!
    const below = f.ref && TYPES[f.ref] ? fieldTree(TYPES[f.ref]!, level + 1, depth + 1) : []
    return [`${'  '.repeat(level)}${name}\t<${f.type}>${f.required ? ' -required-' : ''}`, ...below]
  })
}

/** Greedy word wrap to WRAP columns after the indent. */
function wrap(text: string, indent: string): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > WRAP) { out.push(indent + line); line = word } else line = line ? `${line} ${word}` : word
  }
  if (line) out.push(indent + line)
  return out
}
