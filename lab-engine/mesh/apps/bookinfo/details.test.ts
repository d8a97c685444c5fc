import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from '../apps.test-util'
import { detailsApp, rubyInteger } from './details'

const run = async (path: string, method = 'GET') => {
  const f = fakeContext({ hosts: {} }, { name: 'details-v1-abc' })
  const res = await detailsApp.handle(request(path, { method, host: 'details:9080' }), f.ctx)
  return { res, logs: f.logs }
}

describe('details', () => {
  it('answers /details/<id> with details.rb record and the id asked for', async () => {
    const { res } = await run('/details/7')
    expect(res.status).toBe(200)
    expect(responseHeader(res, 'content-type')).toBe('application/json')
    expect(JSON.parse(res.body)).toEqual({
      id: 7, author: 'William Shakespeare', year: 1595, type: 'paperback', pages: 200,
      publisher: 'PublisherA', language: 'English', 'ISBN-10': '1234567890', 'ISBN-13': '123-1234567890',
    })
    expect(res.headers.map(([k]) => k)).toEqual(['Content-Type', 'Server', 'Date', 'Content-Length', 'Connection'])
    // Ruby's to_json is compact.
    expect(res.body.startsWith('{"id":7,"author":')).toBe(true)
  })

  it('rejects a non-numeric id with 400 and the source wording', async () => {
    const { res } = await run('/details/abc')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body)).toEqual({ error: 'please provide numeric product id' })
  })

  it('reports health and 404s unknown paths with WEBrick wording', async () => {
    expect(JSON.parse((await run('/health')).res.body)).toEqual({ status: 'Details is healthy' })
    const nf = (await run('/nope')).res
    expect(nf.status).toBe(404)
    expect(nf.body).toContain("`/nope' not found.")
  })

  it('logs each request in Common Log Format with the status and size', async () => {
    const { res, logs } = await run('/details/0')
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(new RegExp(`"GET /details/0 HTTP/1.1" 200 ${responseHeader(res, 'content-length')}$`))
    expect(logs[0]).toContain('127.0.0.6 - - [01/Jan/2026:12:00:00 +0000]')
  })

  it("parses ids as Ruby's Integer() does", () => {
    expect(rubyInteger('42')).toBe(42)
    expect(rubyInteger('012')).toBe(10)
    expect(rubyInteger('0x1A')).toBe(26)
    expect(rubyInteger('-3')).toBe(-3)
    expect(rubyInteger('1_000')).toBe(1000)
    expect(rubyInteger('4a')).toBeUndefined()
    expect(rubyInteger('')).toBeUndefined()
  })
})
