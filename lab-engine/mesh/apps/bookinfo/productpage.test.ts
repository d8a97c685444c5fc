import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader, type FakeWorld } from '../apps.test-util'
import type { UpstreamCall } from '../types'
import { detailsApp } from './details'
import { productpageApp } from './productpage'
import { ratingsApp } from './ratings'
import { REVIEWS_IMAGES, reviewsApp } from './reviews'

/** Istio's request-routing task in miniature: end-user jason goes to reviews-v2, everyone else to v1. */
const byEndUser = (call: UpstreamCall) => {
  const user = call.headers.find(([k]) => k.toLowerCase() === 'end-user')?.[1]
  return user === 'jason'
    ? { app: reviewsApp(REVIEWS_IMAGES.v2), pod: { name: 'reviews-v2-abc' } }
    : { app: reviewsApp(REVIEWS_IMAGES.v1), pod: { name: 'reviews-v1-abc' } }
}

const world: FakeWorld = {
  hosts: { details: { app: detailsApp }, reviews: byEndUser, ratings: { app: ratingsApp('v1') } },
}

const host = 'productpage:9080'
async function get(path: string, w: FakeWorld = world, headers: [string, string][] = []) {
  const f = fakeContext(w, { name: 'productpage-v1-123' })
  const res = await productpageApp.handle(request(path, { host, headers: [['host', host], ['user-agent', 'curl/8.11.1'], ...headers] }), f.ctx)
  return { res, ...f }
}

describe('productpage', () => {
  it('renders the page from details and reviews-v1 when nobody is signed in', async () => {
    const { res, calls } = await get('/productpage')
    expect(res.status).toBe(200)
    expect(responseHeader(res, 'content-type')).toBe('text/html; charset=utf-8')
    expect(res.body).toContain('<title>Simple Bookstore App</title>')
    expect(res.body).toContain('The Comedy of Errors')
    expect(res.body).toContain('<td>1234567890</td><td>PublisherA</td><td>200</td><td>paperback</td><td>English</td>')
    expect(res.body).toContain('Reviewer1')
    expect(res.body).toContain('Reviews served by: reviews-v1-abc')
    expect(res.body).not.toContain('-500">')
    expect(res.body).toContain('Sign in')
    expect(calls.filter((c) => c.from === 'productpage-v1-123').map((c) => c.call.path)).toEqual(['/details/0', '/reviews/0'])
  })

  it('after POST /login, the session cookie makes productpage send end-user to reviews (black stars from v2)', async () => {
    const login = await get('/login', world, [['content-type', 'application/x-www-form-urlencoded'], ['referer', 'http://192.168.1.2/productpage']])
    // POST with a form body.
    const f = fakeContext(world, { name: 'productpage-v1-123' })
    const posted = await productpageApp.handle(request('/login', {
      method: 'POST', host, body: 'username=jason&passwd=x',
      headers: [['host', host], ['content-type', 'application/x-www-form-urlencoded'], ['referer', 'http://192.168.1.2/productpage']],
    }), f.ctx)
    expect(login.res.status).toBe(405)
    expect(posted.status).toBe(302)
    expect(responseHeader(posted, 'location')).toBe('http://192.168.1.2/productpage')
    const setCookie = responseHeader(posted, 'set-cookie')!
    expect(setCookie).toMatch(/^session=eyJ1c2VyIjoiamFzb24ifQ\.[\w-]+\.[\w-]+; HttpOnly; Path=\/$/)

    const cookie = setCookie.split(';')[0]!
    const { res, calls } = await get('/productpage', world, [['cookie', cookie]])
    const toReviews = calls.find((c) => c.call.host === 'reviews')!
    expect(new Map(toReviews.call.headers).get('end-user')).toBe('jason')
    expect(res.body).toContain('Reviews served by: reviews-v2-abc')
    expect(res.body).toContain('text-black-500')
    expect(res.body).toMatch(/<p class="text-base font-medium text-gray-50">jason<\/p>/)
    // reviews-v2 passed end-user on to ratings too.
    expect(new Map(calls.find((c) => c.call.host === 'ratings')!.call.headers).get('end-user')).toBe('jason')
  })

  it('ignores a tampered session cookie', async () => {
    const forged = 'session=eyJ1c2VyIjoiamFzb24ifQ.AAAA.invalidsig'
    const { calls, res } = await get('/productpage', world, [['cookie', forged]])
    expect(new Map(calls.find((c) => c.call.host === 'reviews')!.call.headers).has('end-user')).toBe(false)
    expect(res.body).toContain('reviews-v1-abc')
  })

  it('propagates tracing headers and the user agent, not other headers', async () => {
    const { calls } = await get('/productpage', world, [['x-request-id', 'req-1'], ['x-b3-traceid', 'aaa'], ['traceparent', '00-1-2-01'], ['x-other', 'no']])
    const sent = new Map(calls.find((c) => c.call.host === 'details')!.call.headers)
    expect([sent.get('x-request-id'), sent.get('x-b3-traceid'), sent.get('traceparent'), sent.get('user-agent')]).toEqual(['req-1', 'aaa', '00-1-2-01', 'curl/8.11.1'])
    expect(sent.has('x-other')).toBe(false)
  })

  it('shows the real error texts when details and reviews fail, after trying reviews twice', async () => {
    const refused = { kind: 'upstream-failure' as const, reason: 'connect' as const, message: 'Connection refused' }
    const { res, calls } = await get('/productpage', { hosts: { details: refused, reviews: refused } })
    expect(res.status).toBe(200)
    expect(res.body).toContain('Error fetching product details')
    expect(res.body).toContain('Sorry, product details are currently unavailable for this book.')
    expect(res.body).toContain('Error fetching product reviews')
    expect(res.body).toContain('Sorry, product reviews are currently unavailable for this book.')
    expect(calls.filter((c) => c.call.host === 'reviews')).toHaveLength(2)
    expect(calls[0]!.call.timeoutMs).toBe(3000)
  })

  it('shows "Ratings service is currently unavailable" when ratings is down behind reviews-v2', async () => {
    const w: FakeWorld = { hosts: { details: { app: detailsApp }, reviews: { app: reviewsApp(REVIEWS_IMAGES.v2) }, ratings: { kind: 'upstream-failure', reason: 'timeout', message: 'Read timed out' } } }
    const { res } = await get('/productpage', w)
    expect(res.body).toContain('<p class="text-red-500">Ratings service is currently unavailable</p>')
  })

  it('API routes pass the backend status through and print JSON as Python does', async () => {
    const products = (await get('/api/v1/products')).res
    expect(products.body.startsWith('[{"id": 0, "title": "The Comedy of Errors", "descriptionHtml": ')).toBe(true)
    const ratings = (await get('/api/v1/products/0/ratings')).res
    expect([ratings.status, ratings.body]).toEqual([200, '{"id": 0, "ratings": {"Reviewer1": 5, "Reviewer2": 4}}'])
    const bad = (await get('/api/v1/products/abc')).res
    expect([bad.status, JSON.parse(bad.body).error]).toEqual([400, 'Sorry, product details are currently unavailable for this book.'])
  })

  it('answers OPTIONS and a wrong method with Flask\'s sorted Allow list, the same for every request to a route', async () => {
    const ask = async (method: string, path: string) => {
      const f = fakeContext(world, { name: 'productpage-v1-123' })
      const res = await productpageApp.handle(request(path, { method, host, headers: [['host', host]] }), f.ctx)
      return [res.status, responseHeader(res, 'allow')]
    }
    for (let i = 0; i < 2; i++) {
      expect(await ask('OPTIONS', '/productpage')).toEqual([200, 'GET, HEAD, OPTIONS'])
      expect(await ask('DELETE', '/api/v1/products/0/reviews')).toEqual([405, 'GET, HEAD, OPTIONS'])
      expect(await ask('OPTIONS', '/login')).toEqual([200, 'OPTIONS, POST'])
    }
  })

  it('health, 404, logout and the access log', async () => {
    expect((await get('/health')).res.body).toBe('Product page is healthy')
    expect((await get('/nope')).res.status).toBe(404)
    const out = await get('/logout', world, [['cookie', 'session=x']])
    expect(out.res.status).toBe(302)
    expect(responseHeader(out.res, 'location')).toBe('None')
    expect(out.logs.at(-1)).toBe('productpage-v1-123: INFO:werkzeug:::ffff:127.0.0.6 - - [01/Jan/2026 12:00:00] "GET /logout HTTP/1.1" 302 -')
  })
})
