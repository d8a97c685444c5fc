import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from '../apps.test-util'
import { ratingsApp } from './ratings'

describe('ratings', () => {
  it('answers v1 ratings as JSON.stringify writes them, chunked', async () => {
    const f = fakeContext({ hosts: {} })
    const res = await ratingsApp('v1').handle(request('/ratings/3'), f.ctx)
    expect(res.status).toBe(200)
    expect(res.body).toBe('{"id":3,"ratings":{"Reviewer1":5,"Reviewer2":4}}')
    expect(responseHeader(res, 'content-type')).toBe('application/json')
    expect(responseHeader(res, 'transfer-encoding')).toBe('chunked')
    expect(responseHeader(res, 'content-length')).toBeUndefined()
    expect(res.headers.map(([k]) => k)).toEqual(['Content-type', 'Date', 'Connection', 'Keep-Alive', 'Transfer-Encoding'])
    expect(f.logs).toEqual(['test-pod-1: GET /ratings/3'])
  })

  it('keeps POSTed ratings in the container memory (v1) and serves them back', async () => {
    const f = fakeContext({ hosts: {} })
    const app = ratingsApp('v1')
    const post = await app.handle(request('/ratings/0', { method: 'POST', body: '{"Reviewer1":1,"Reviewer2":2}' }), f.ctx)
    expect(post.status).toBe(200)
    const get = await app.handle(request('/ratings/0'), f.ctx)
    expect(JSON.parse(get.body)).toEqual({ id: 0, ratings: { Reviewer1: 1, Reviewer2: 2 } })
    // Another product id still has the defaults.
    expect(JSON.parse((await app.handle(request('/ratings/1'), f.ctx)).body).ratings.Reviewer1).toBe(5)
  })

  it('rejects bad ids and bad JSON with the source wording', async () => {
    const f = fakeContext({ hosts: {} })
    const app = ratingsApp('v1')
    const badId = await app.handle(request('/ratings/x'), f.ctx)
    expect([badId.status, JSON.parse(badId.body).error]).toEqual([400, 'please provide numeric product ID'])
    const badJson = await app.handle(request('/ratings/1', { method: 'POST', body: '{nope' }), f.ctx)
    expect([badJson.status, JSON.parse(badJson.body).error]).toEqual([400, 'please provide valid ratings JSON'])
  })

  it('v2 has no database here: 500 on GET, 501 on POST; SERVICE_VERSION in the pod env overrides the image', async () => {
    const f = fakeContext({ hosts: {} })
    const get = await ratingsApp('v2').handle(request('/ratings/0'), f.ctx)
    expect([get.status, JSON.parse(get.body).error]).toEqual([500, 'could not connect to ratings database'])
    const post = await ratingsApp('v2').handle(request('/ratings/0', { method: 'POST', body: '{}' }), f.ctx)
    expect(post.status).toBe(501)
    const v1env = fakeContext({ hosts: {} }, { env: { SERVICE_VERSION: 'v1' } })
    expect((await ratingsApp('v2').handle(request('/ratings/0'), v1env.ctx)).status).toBe(200)
  })

  it('answers health and 404s other paths with an empty body', async () => {
    const f = fakeContext({ hosts: {} })
    expect(JSON.parse((await ratingsApp('v1').handle(request('/health'), f.ctx)).body)).toEqual({ status: 'Ratings is healthy' })
    const nf = await ratingsApp('v1').handle(request('/other'), f.ctx)
    expect([nf.status, nf.body]).toEqual([404, ''])
  })
})
