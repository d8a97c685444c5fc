import { describe, expect, it } from 'vitest'
import { fakeContext, request } from '../apps.test-util'
import { ratingsApp } from './ratings'
import { REVIEWS_IMAGES, reviewsApp } from './reviews'

const world = { hosts: { ratings: { app: ratingsApp('v1') } } }

describe('reviews', () => {
  it('v1 answers two reviews without ratings and makes no call', async () => {
    const f = fakeContext(world, { name: 'reviews-v1-7f9', env: {} })
    const res = await reviewsApp(REVIEWS_IMAGES.v1).handle(request('/reviews/0'), f.ctx)
    const body = JSON.parse(res.body)
    expect(res.status).toBe(200)
    expect(body.podname).toBe('reviews-v1-7f9')
    expect(body.clustername).toBe('null')
    expect(body.reviews.map((r: { reviewer: string }) => r.reviewer)).toEqual(['Reviewer1', 'Reviewer2'])
    expect(body.reviews[0].rating).toBeUndefined()
    expect(f.calls).toHaveLength(0)
  })

  it('v2 and v3 read ratings and colour the stars black and red', async () => {
    for (const [image, color] of [[REVIEWS_IMAGES.v2, 'black'], [REVIEWS_IMAGES.v3, 'red']] as const) {
      const f = fakeContext(world, { name: 'reviews-x' })
      const body = JSON.parse((await reviewsApp(image).handle(request('/reviews/0'), f.ctx)).body)
      expect(body.reviews.map((r: { rating: unknown }) => r.rating)).toEqual([{ stars: 5, color }, { stars: 4, color }])
      expect(f.calls.map((c) => `${c.call.host}:${c.call.port}${c.call.path}`)).toEqual(['ratings:9080/ratings/0'])
      expect(f.calls[0]!.call.timeoutMs).toBe(color === 'black' ? 10_000 : 2_500)
    }
  })

  it('keeps the source JSON spacing', async () => {
    const f = fakeContext(world, { name: 'p' })
    const res = await reviewsApp(REVIEWS_IMAGES.v2).handle(request('/reviews/0'), f.ctx)
    expect(res.body).toContain('{"id": "0","podname": "p","clustername": "null","reviews": [{  "reviewer": "Reviewer1",  "text": "An extremely')
    expect(res.body).toContain(', "rating": {"stars": 5, "color": "black"}}')
  })

  it('reports ratings unavailable per review when ratings fails, and logs why', async () => {
    const down = { hosts: { ratings: { kind: 'upstream-failure' as const, reason: 'connect' as const, message: 'Connection refused' } } }
    const f = fakeContext(down, { name: 'r' })
    const body = JSON.parse((await reviewsApp(REVIEWS_IMAGES.v3).handle(request('/reviews/0'), f.ctx)).body)
    expect(body.reviews[1].rating).toEqual({ error: 'Ratings service is currently unavailable' })
    expect(f.logs.join('\n')).toContain('Error: unable to contact http://ratings:9080/ratings got exception')
  })

  it('propagates end-user and tracing headers to ratings, but not arbitrary ones', async () => {
    const f = fakeContext(world)
    const req = request('/reviews/0', { headers: [['end-user', 'jason'], ['x-request-id', 'abc'], ['x-b3-traceid', '1234'], ['x-secret', 'no']] })
    await reviewsApp(REVIEWS_IMAGES.v2).handle(req, f.ctx)
    const sent = new Map(f.calls[0]!.call.headers)
    expect(sent.get('end-user')).toBe('jason')
    expect(sent.get('x-request-id')).toBe('abc')
    expect(sent.get('x-b3-traceid')).toBe('1234')
    expect(sent.has('x-secret')).toBe(false)
  })

  it('pod env overrides the image: STAR_COLOR, ENABLE_RATINGS, RATINGS_HOSTNAME', async () => {
    const f = fakeContext({ hosts: { myratings: { app: ratingsApp('v1') } } }, { env: { ENABLE_RATINGS: 'TRUE', STAR_COLOR: 'green', RATINGS_HOSTNAME: 'myratings' } })
    const body = JSON.parse((await reviewsApp(REVIEWS_IMAGES.v1).handle(request('/reviews/0'), f.ctx)).body)
    expect(body.reviews[0].rating).toEqual({ stars: 5, color: 'green' })
    expect(f.calls[0]!.call.host).toBe('myratings')
  })

  it('404s a non-integer id and answers health', async () => {
    const f = fakeContext(world)
    expect((await reviewsApp(REVIEWS_IMAGES.v1).handle(request('/reviews/abc'), f.ctx)).status).toBe(404)
    expect(JSON.parse((await reviewsApp(REVIEWS_IMAGES.v1).handle(request('/health'), f.ctx)).body)).toEqual({ status: 'Reviews is healthy' })
  })
})
