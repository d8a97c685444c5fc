// Manifest parsing: a learner's YAML or JSON (many documents, `List` kinds) into objects, or kubectl's error.
//
// Follows kubectl's resource builder: documents split on `---` lines, each
// converted YAML -> JSON (go-yaml errors read `yaml: line N: ...`, N counted from
// the document's first line), empty documents skipped, `v1/List` items
// flattened, and client-side checks for apiVersion and kind
// (kubernetes.io/docs/reference/kubectl/generated/kubectl_apply/).

import { isMap, isScalar, isSeq, type Document, type LineCounter, type YAMLError } from 'yaml'
import { MAX_ALIAS_COUNT, MAX_DOCUMENTS, MAX_LINE_INDICATORS, MAX_MANIFEST_BYTES, MAX_NESTING_DEPTH, MAX_YAML_TOKENS, maxFlowDepth, maxLineIndicators, utf8Length, valueLimitProblem } from './manifest-limits'
import { composeDocuments, TooManyTokens, type Composed } from './yaml-compose'
import { goYamlReason } from './yaml-errors'

export interface ManifestObject {
  object: Record<string, unknown>
  /** 0-based index of the YAML document the object came from. */
  document: number
  /** 1-based line in the whole text where that document's content starts. */
  line: number
}

export type ManifestResult =
  | { ok: true; objects: ManifestObject[] }
  | { ok: false; message: string; /** 1-based line in the whole text, when known. */ line?: number }

export interface ManifestOptions {
  /** The file name as the learner typed it; kubectl says "STDIN" for `-f -`. */
  source?: string
}

type Failure = Extract<ManifestResult, { ok: false }>

export function parseManifest(text: string, opts: ManifestOptions = {}): ManifestResult {
  const source = opts.source ?? 'STDIN'
  const limit = preParseProblem(text)
  if (limit) return parsingFailure(source, limit)
  const composed = compose(text)
  if ('tooMany' in composed) return parsingFailure(source, composed.tooMany)
  if (composed.error) return yamlFailure(text, source, composed.error, composed.lines)
  const objects: ManifestObject[] = []
  for (const [index, doc] of composed.docs.entries()) {
    const failure = readDocument(text, source, { doc, index, lines: composed.lines }, objects)
    if (failure) return failure
  }
  return { ok: true, objects }
}

function parsingFailure(source: string, problem: string, line?: number): Failure {
  return { ok: false, message: `error: error parsing ${source}: ${problem}`, ...(line === undefined ? {} : { line }) }
}

/** Adds one document's objects to out, or returns why kubectl would refuse the manifest. */
function readDocument(text: string, source: string, at: { doc: Document; index: number; lines: LineCounter }, out: ManifestObject[]): Failure | null {
  const { doc, index, lines } = at
  const line = lines.linePos(doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0).line
  const duplicate = duplicateKeyFailure(text, source, doc, lines)
  if (duplicate) return duplicate
  const value = toJs(doc)
  if ('error' in value) return parsingFailure(source, value.error, line)
  const problem = value.js === null || value.js === undefined ? null : valueLimitProblem(value.js)
  if (problem) return parsingFailure(source, problem, line)
  return collect(value.js, source, index, line, out)
}

/** Limits checked on the raw text, before the yaml package sees it. */
function preParseProblem(text: string): string | null {
  const bytes = utf8Length(text)
  if (bytes > MAX_MANIFEST_BYTES) return `manifest is ${bytes} bytes, over the limit of ${MAX_MANIFEST_BYTES} bytes`
  const separators = text.match(/^---/gm)?.length ?? 0
  if (separators >= MAX_DOCUMENTS) return `manifest has more than ${MAX_DOCUMENTS} documents`
  if (maxFlowDepth(text) > MAX_NESTING_DEPTH) return `nesting is deeper than ${MAX_NESTING_DEPTH} levels`
  if (maxLineIndicators(text) > MAX_LINE_INDICATORS) return `a line starts with more than ${MAX_LINE_INDICATORS} YAML indicators (-, ?, :, anchors, tags)`
  return null
}

function compose(text: string): Composed | { tooMany: string } {
  try {
    return composeDocuments(text, MAX_YAML_TOKENS, { uniqueKeys: false, logLevel: 'error' })
  } catch (e) {
    if (e instanceof TooManyTokens) return { tooMany: `manifest has ${e.message}` }
    throw e
  }
}

function toJs(doc: Document): { js: unknown } | { error: string } {
  try {
    return { js: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) }
  } catch (e) {
    // The yaml package throws on excessive alias expansion; nothing else is expected.
    const msg = e instanceof Error ? e.message : String(e)
    if (e instanceof RangeError) return { error: `nesting is deeper than ${MAX_NESTING_DEPTH} levels` }
    const alias = /Unresolved alias.*: (.+)$/.exec(msg)
    return { error: `error converting YAML to JSON: yaml: ${alias ? `unknown anchor '${alias[1]}' referenced` : msg.split('\n')[0]}` }
  }
}

/** The document's first parse error in go-yaml's words, with its line counted from the document start. */
function yamlFailure(text: string, source: string, err: YAMLError, lines: LineCounter): Failure {
  const line = lines.linePos(err.pos[0]).line
  const relative = line - documentStartLine(text, line) + 1
  return { ok: false, line, message: `error: error parsing ${source}: error converting YAML to JSON: yaml: line ${relative}: ${goYamlReason(err)}` }
}

/** First line of the kubectl chunk holding `line`: the line after the last `---` separator before it. */
function documentStartLine(text: string, line: number): number {
  const all = text.split('\n', line)
  for (let i = Math.min(line, all.length) - 1; i >= 0; i--) if (/^---(\s|$)/.test(all[i]!) && i + 1 < line) return i + 2
  return 1
}

/** go-yaml rejects repeated keys in one mapping: `yaml: unmarshal errors:\n  line 5: mapping key "x" already defined at line 3`. */
function duplicateKeyFailure(text: string, source: string, doc: Document, lines: LineCounter): Failure | null {
  const found = findDuplicateKey(doc.contents, lines)
  if (!found) return null
  const base = documentStartLine(text, found.line) - 1
  return {
    ok: false,
    line: found.line,
    message: `error: error parsing ${source}: error converting YAML to JSON: yaml: unmarshal errors:\n  line ${found.line - base}: mapping key "${found.key}" already defined at line ${found.first - base}`,
  }
}

function findDuplicateKey(node: unknown, lines: LineCounter): { key: string; line: number; first: number } | null {
  const stack: unknown[] = [node]
  while (stack.length > 0) {
    const n = stack.pop()
    if (isSeq(n)) stack.push(...n.items)
    if (!isMap(n)) continue
    const seen = new Map<string, number>()
    for (const item of n.items) {
      const key = isScalar(item.key) ? String(item.key.value) : undefined
      const at = isScalar(item.key) && item.key.range ? lines.linePos(item.key.range[0]).line : 0
      if (key !== undefined && seen.has(key)) return { key, line: at, first: seen.get(key)! }
      if (key !== undefined) seen.set(key, at)
      stack.push(item.value)
    }
  }
  return null
}

/** Adds the document's objects (a List's items flattened); returns kubectl's error for a bad one. */
function collect(js: unknown, source: string, document: number, line: number, out: ManifestObject[]): Failure | null {
  if (js === null || js === undefined) return null
  if (typeof js !== 'object' || Array.isArray(js)) {
    return { ok: false, line, message: `error: unable to decode "${source}": json: cannot unmarshal ${goTypeName(js)} into Go value of type map[string]interface {}` }
  }
  const obj = js as Record<string, unknown>
  const missing = missingTypeMeta(obj)
  if (missing) return { ok: false, line, message: validationMessage(source, missing) }
  if (isList(obj)) {
    for (const item of obj.items as unknown[]) {
      const failure = collect(item, source, document, line, out)
      if (failure) return failure
    }
    return null
  }
  if (out.length >= MAX_DOCUMENTS) return { ok: false, line, message: `error: error parsing ${source}: manifest has more than ${MAX_DOCUMENTS} objects` }
  out.push({ object: obj, document, line })
  return null
}

function isList(obj: Record<string, unknown>): boolean {
  return typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)
}

function missingTypeMeta(obj: Record<string, unknown>): string[] | null {
  const errs: string[] = []
  if (typeof obj.apiVersion !== 'string' || obj.apiVersion === '') errs.push('apiVersion not set')
  if (typeof obj.kind !== 'string' || obj.kind === '') errs.push('kind not set')
  return errs.length > 0 ? errs : null
}

/** kubectl's client-side validation error; an aggregate of several reads `[a, b]`. */
export function validationMessage(source: string, errs: string[]): string {
  const detail = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`
  return `error: error validating "${source}": error validating data: ${detail}; if you choose to ignore these errors, turn validation off with --validate=false`
}

function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'number') return 'number'
  if (typeof v === 'boolean') return 'bool'
  return 'string'
}
