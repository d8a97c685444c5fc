// Reading a JSON request body with a size limit and a schema.
import type { z } from 'zod'
import { ApiError } from './api-error'

export const MAX_JSON_BODY_BYTES = 1024 * 1024

/** Reads at most `limit` bytes, so an oversized body never sits whole in memory. */
export async function readBodyText(req: Request, limit = MAX_JSON_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? '0')
  if (declared > limit) throw tooLarge(limit)
  if (!req.body) return ''
  const reader = req.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** `limit` is for routes that carry a file (the editor's save and apply take up to a 1 MiB file, JSON-escaped). */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit = MAX_JSON_BODY_BYTES): Promise<z.infer<S>> {
  const type = req.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError('unsupported_media_type', 'Send the request body as application/json.')
  }
  const text = await readBodyText(req, limit)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ApiError('invalid_json', 'The request body is not valid JSON.')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
    throw new ApiError('validation_failed', describeIssues(issues), issues)
  }
  return parsed.data
}

function describeIssues(issues: { path: string; message: string }[]): string {
  const first = issues[0]
  const where = first?.path ? `${first.path}: ` : ''
  return `Invalid request: ${where}${first?.message ?? 'unknown problem'}`
}

function tooLarge(limit: number) {
  return new ApiError('payload_too_large', `The request body is larger than ${limit} bytes.`)
}
