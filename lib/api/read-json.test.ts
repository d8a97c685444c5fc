import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ApiError } from './api-error'
import { MAX_JSON_BODY_BYTES, readJson } from './read-json'

const schema = z.object({ name: z.string().min(1) })

function req(body: BodyInit, type = 'application/json', headers: Record<string, string> = {}) {
  return new Request('http://localhost/api/x', { method: 'POST', body, headers: { 'content-type': type, ...headers } })
}

async function codeOf(p: Promise<unknown>) {
  try {
    await p
    return 'ok'
  } catch (e) {
    return e instanceof ApiError ? `${e.status} ${e.code}` : String(e)
  }
}

describe('readJson', () => {
  it('parses and validates', async () => {
    expect(await readJson(req('{"name":"a"}'), schema)).toEqual({ name: 'a' })
  })

  it.each([
    ['malformed JSON', req('{"name":'), '400 invalid_json'],
    ['schema mismatch', req('{"name":""}'), '400 validation_failed'],
    ['wrong content type', req('name=a', 'application/x-www-form-urlencoded'), '415 unsupported_media_type'],
    ['declared oversize', req('{}', 'application/json', { 'content-length': String(MAX_JSON_BODY_BYTES + 1) }), '413 payload_too_large'],
    ['streamed oversize', req(JSON.stringify({ name: 'x'.repeat(MAX_JSON_BODY_BYTES) })), '413 payload_too_large'],
  ])('%s -> %s', async (_name, request, expected) => {
    expect(await codeOf(readJson(request, schema))).toBe(expected)
  })

  it('names the failing field in the message', async () => {
    await expect(readJson(req('{"name":5}'), schema)).rejects.toThrow(/^Invalid request: name:/)
  })
})
