// Reading lab.yaml: YAML parse and schema validation, with every problem named by file, line and path.
import { createHash } from 'node:crypto'
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml'
import { labSchema, MAX_LAB_FILE_BYTES, type LabSpec } from './lab-schema'

export interface LabProblem {
  file: string
  line: number
  message: string
}

export type LoadedLab = { ok: true; lab: LabSpec; contentHash: string } | { ok: false; problems: LabProblem[] }

/** Parses a lab.yaml text; `file` only labels the problems. */
export function loadLab(text: string, file = 'lab.yaml'): LoadedLab {
  if (Buffer.byteLength(text) > MAX_LAB_FILE_BYTES * 4) return { ok: false, problems: [{ file, line: 1, message: 'lab.yaml is too large' }] }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length) {
    return { ok: false, problems: doc.errors.map((e) => ({ file, line: lines.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! })) }
  }
  const parsed = labSchema.safeParse(doc.toJS())
  if (parsed.success) return { ok: true, lab: parsed.data, contentHash: createHash('sha256').update(text).digest('hex').slice(0, 16) }
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      file,
      line: lineOf(doc, lines, issue.path),
      message: `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}`,
    })),
  }
}

/** The line of the deepest node on `path` that exists in the document. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0
  for (const key of path) {
    const next = isMap(node) ? node.get(key as string, true) : isSeq(node) ? node.get(Number(key), true) : undefined
    if (next === undefined) break
    node = next
    offset = (next as { range?: [number] }).range?.[0] ?? offset
  }
  return lines.linePos(offset).line
}
