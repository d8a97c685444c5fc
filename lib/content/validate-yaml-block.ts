// YAML in module code blocks: it must parse, and each object must validate against the Kubernetes / Istio schemas
// the simulated API server uses (a `yaml fragment` block only has to parse).
import type { Code } from 'mdast'
import { parseAllDocuments } from 'yaml'
import { istioSemanticErrors } from '@/lab-engine/cluster/validation/istio-semantics'
import { parseManifest } from '@/lab-engine/cluster/validation/manifest'
import { validateSchema } from '@/lab-engine/cluster/validation/schema-validate'
import type { ContentProblem } from './parse-module'

export function yamlBlockProblems(code: Code, file: string): ContentProblem[] {
  const line = (code.position?.start.line ?? 0) + 1
  const fragment = /\bfragment\b/.test(code.meta ?? '')
  if (fragment) {
    const bad = parseAllDocuments(code.value).flatMap((d) => ('errors' in d ? d.errors : []))
    return bad.length ? [{ file, line, message: `YAML does not parse: ${bad[0]!.message.split('\n')[0]}` }] : []
  }
  const parsed = parseManifest(code.value, { source: file })
  if (!parsed.ok) return [{ file, line: line - 1 + (parsed.line ?? 1), message: parsed.message.split('\n')[0]! }]
  return parsed.objects.flatMap(({ object, line: at }) => {
    const result = validateSchema(object)
    const semantic = result.ok ? istioSemanticErrors(object) : []
    const where = line - 1 + at
    if (!result.ok) return [{ file, line: where, message: result.message.split('\n')[0]! }]
    return semantic.map((message) => ({ file, line: where, message }))
  })
}
