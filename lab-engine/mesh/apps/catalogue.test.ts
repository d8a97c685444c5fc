import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from './apps.test-util'
import { appForImage, isKnownImage, unknownImageLogLine } from './catalogue'

describe('image catalogue', () => {
  it.each([
    ['docker.io/istio/examples-bookinfo-productpage-v1:1.20.2', 'productpage', [9080]],
    ['istio/examples-bookinfo-details-v1:1.20.2', 'details', [9080]],
    ['istio/examples-bookinfo-reviews-v3:1.20.2', 'reviews', [9080]],
    ['istio/examples-bookinfo-ratings-v1:1.20.2', 'ratings', [9080]],
    ['docker.io/kennethreitz/httpbin', 'httpbin', [80]],
    ['docker.io/mccutchen/go-httpbin:v2.15.0', 'go-httpbin', [8080]],
    ['docker.io/citizenstig/httpbin', 'httpbin', [8000]],
    ['fortio/fortio:latest_release', 'fortio', [8080, 8079, 8081]],
    ['nginx:1.27', 'nginx', [80]],
    ['nginxinc/nginx-unprivileged', 'nginx', [8080]],
    ['curlimages/curl:8.11.1', 'curl', []],
    ['governmentpaas/curl-ssl', 'curl', []],
    ['busybox:1.36', 'sleep', []],
    ['docker.io/istio/examples-helloworld-v2:1.0', 'helloworld', [5000]],
    ['docker.io/istio/pilot:1.26.0', 'istiod', [8080, 15010, 15012, 15014, 15017]],
  ])('%s runs %s on %j', (image, name, ports) => {
    const app = appForImage(image)
    expect(app.name).toBe(name)
    expect(app.ports).toEqual(ports)
    for (const p of ports) expect(app.listensOn(p)).toBe(true)
    expect(app.listensOn(12345)).toBe(false)
    expect(isKnownImage(image)).toBe(true)
  })

  it('reviews v2 and v3 images differ only in star colour', async () => {
    const ratings = { app: appForImage('istio/examples-bookinfo-ratings-v1:1.20.2') }
    const f = fakeContext({ hosts: { ratings } })
    const v2 = JSON.parse((await appForImage('istio/examples-bookinfo-reviews-v2:1.20.2').handle(request('/reviews/0'), f.ctx)).body)
    const v3 = JSON.parse((await appForImage('istio/examples-bookinfo-reviews-v3:1.20.2').handle(request('/reviews/0'), f.ctx)).body)
    expect([v2.reviews[0].rating.color, v3.reviews[0].rating.color]).toEqual(['black', 'red'])
  })

  it('an unknown image listens on nothing and says so in its log line', () => {
    const app = appForImage('example.com/team/mystery:2')
    expect(app.ports).toEqual([])
    expect(app.listensOn(80)).toBe(false)
    expect(isKnownImage('example.com/team/mystery:2')).toBe(false)
    expect(unknownImageLogLine('example.com/team/mystery:2')).toContain('"example.com/team/mystery:2"')
  })

  it('the registry host and tag do not change the match', async () => {
    const app = appForImage('localhost:5000/kennethreitz/httpbin@sha256:abc')
    const res = await app.handle(request('/status/201'), fakeContext({ hosts: {} }).ctx)
    expect(res.status).toBe(201)
    expect(responseHeader(res, 'server')).toBe('gunicorn/19.9.0')
  })
})
