// Preview pages: addresses typed in the bar, links kept inside the preview, redirects, failures and grants that expire.
import { describe, expect, it } from 'vitest'
import { PREVIEW_GRANT_TTL_MS, PreviewGrants } from './preview-grants'
import { keepLinksInPreview, parsePreviewAddress, PREVIEW_CSP, previewResponse } from './preview-response'

const ok = (headers: Record<string, string>, body = '') => ({ status: 200, headers, body, elapsedMs: 3, curlExit: 0 })

describe('parsePreviewAddress', () => {
  it.each([
    ['172.18.255.200/productpage', { origin: 'http://172.18.255.200', path: '/productpage' }],
    ['http://localhost:8080', { origin: 'http://localhost:8080', path: '/' }],
    ['https://httpbin.example.com/status/418?x=1', { origin: 'https://httpbin.example.com', path: '/status/418?x=1' }],
  ])('reads %s', (text, want) => expect(parsePreviewAddress(text)).toEqual(want))

  it.each(['', 'ftp://x/', 'javascript://alert(1)', 'http://u:p@host/', 'http://[bad'])('refuses %j', (text) => {
    expect(parsePreviewAddress(text)).toEqual({ error: expect.any(String) })
  })
})

describe('previewResponse', () => {
  it('keeps root-relative links, sources and forms inside the preview, and leaves others alone', () => {
    const html = `<a href="/productpage?u=normal">n</a><img src='/static/x.png'><form action="/login"></form><a href="//cdn/x">c</a><a href="logout">o</a>`
    expect(keepLinksInPreview(html, '/preview/T')).toBe(`<a href="/preview/T/productpage?u=normal">n</a><img src='/preview/T/static/x.png'><form action="/preview/T/login"></form><a href="//cdn/x">c</a><a href="logout">o</a>`)
  })

  it('locks the page down and drops the upstream cookies', async () => {
    const res = previewResponse(ok({ 'content-type': 'text/html', 'set-cookie': 'session=x', 'cache-control': 'max-age=600' }, '<a href="/a">a</a>'), '/preview/T', 'http://gw')
    expect(res.headers.get('content-security-policy')).toBe(PREVIEW_CSP)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.text()).toBe('<a href="/preview/T/a">a</a>')
  })

  it('does not rewrite what is not HTML', async () => {
    expect(await previewResponse(ok({ 'content-type': 'application/json' }, '{"href":"/x"}'), '/preview/T', 'http://gw').text()).toBe('{"href":"/x"}')
  })

  it.each([
    ['/productpage', '/preview/T/productpage'],
    ['http://gw/productpage', '/preview/T/productpage'],
    ['https://elsewhere.example/', 'https://elsewhere.example/'],
  ])('moves the redirect %s to %s', (location, want) => {
    const res = previewResponse({ ...ok({ location }), status: 302 }, '/preview/T', 'http://gw')
    expect(res.headers.get('location')).toBe(want)
  })

  it('turns a request with no response into a 502 page naming curl exit status', async () => {
    const res = previewResponse({ status: 0, headers: {}, body: '', elapsedMs: 1, curlExit: 7 }, '/preview/T', 'http://gw')
    expect(res.status).toBe(502)
    expect(await res.text()).toContain('curl exit 7')
  })
})

describe('PreviewGrants', () => {
  it('hands out unguessable tokens that expire', () => {
    let now = 1_000
    const grants = new PreviewGrants(() => now)
    const a = grants.grant('s1', 'http://gw')
    const b = grants.grant('s1', 'http://gw')
    expect(a).not.toBe(b)
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(grants.lookup(a)).toMatchObject({ sessionId: 's1', origin: 'http://gw' })
    now += PREVIEW_GRANT_TTL_MS
    expect(grants.lookup(a)).toBeNull()
    expect(grants.lookup('nope')).toBeNull()
  })
})
