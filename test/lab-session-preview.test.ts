// The workbench's browser preview on a running server with real PostgreSQL: a grant for the ingress address, Bookinfo's
// product page served under /preview/<token>/ in a sandbox, and what callers without a grant or a live session get;
// and the mesh graph's failed requests with why they failed.
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as failuresApi from '@/app/api/lab-sessions/[id]/failures/route'
import * as previewApi from '@/app/api/lab-sessions/[id]/preview/route'
import * as sessionsRoute from '@/app/api/lab-sessions/route'
import * as oneRoute from '@/app/api/lab-sessions/[id]/route'
import * as previewPage from '@/app/preview/[token]/[[...path]]/route'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { PREVIEW_CSP } from '@/lib/lab-sessions/preview-response'
import { call } from './api-client'
import { dbBackends, describeBackends } from './db-backends'
import { startLabSessionServer, type LabSessionServer } from './lab-session-server'

const backends = (await dbBackends()).filter((b) => b.name === 'postgres')

async function fetchPreview(src: string, init?: RequestInit): Promise<Response> {
  const url = new URL(src, 'http://127.0.0.1')
  const [, , token, ...path] = url.pathname.split('/')
  const req = new Request(url, init)
  return previewPage.GET(req, { params: Promise.resolve({ token: token!, path: path.filter(Boolean).map(decodeURIComponent) }) })
}

describeBackends('lab session browser preview', backends, () => {
  let env: LabSessionServer
  let tokens: Record<string, string> = {}
  let id = ''

  beforeAll(async () => {
    env = await startLabSessionServer('preview', ['lena', 'omar'])
    tokens = env.tokens
    const started = await call(sessionsRoute.POST, { session: tokens.lena, body: { lab: 'request-routing' } })
    expect(started.status).toBe(201)
    id = started.json.session.id
    // Bookinfo runs in that lab's setup; expose productpage through the ingress gateway.
    const driver = await getLabSessions().driverFor(id)
    await driver.apply(await driver.readFile('samples/bookinfo/networking/bookinfo-gateway.yaml'))
  }, 60_000)

  afterAll(async () => env?.dispose())

  it('suggests the ingress address and serves the product page through a grant, sandboxed', async () => {
    const suggested = await call(previewApi.GET, { session: tokens.lena, params: { id } })
    expect(suggested.json.ingress).toMatch(/^http:\/\/\d+\.\d+\.\d+\.\d+(:\d+)?$/)
    const granted = await call(previewApi.POST, { session: tokens.lena, params: { id }, body: { address: `${suggested.json.ingress}/productpage?u=normal` } })
    expect(granted.status).toBe(201)
    expect(granted.json.src).toMatch(/^\/preview\/[A-Za-z0-9_-]{32}\/productpage\?u=normal$/)
    // The gateway's routes reach the ingress proxy a moment after the apply, as istiod pushes them.
    await expect.poll(async () => (await fetchPreview(granted.json.src)).status, { timeout: 10_000 }).toBe(200)
    const page = await fetchPreview(granted.json.src)
    expect(page.headers.get('content-security-policy')).toBe(PREVIEW_CSP)
    expect(page.headers.get('set-cookie')).toBeNull()
    const html = await page.text()
    expect(html).toContain('The Comedy of Errors')
    const prefix = granted.json.src.split('/').slice(0, 3).join('/')
    expect(html).not.toMatch(/\b(href|src|action)="\/(?!preview\/)/)
    // The sign-in form posts to a relative `login`; its redirect back to the page it came from (its Referer) stays inside the preview.
    const login = await fetchPreview(`${prefix}/login`, { method: 'POST', body: 'username=jason&passwd=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(login.status).toBe(302)
    expect(login.headers.get("location")).toBe(`${prefix}/productpage?u=normal`)
  })

  it('shows a failed request as an error page, not an empty frame', async () => {
    const granted = await call(previewApi.POST, { session: tokens.lena, params: { id }, body: { address: 'http://10.255.255.1:81/' } })
    const page = await fetchPreview(granted.json.src)
    expect(page.status).toBe(502)
    expect(await page.text()).toMatch(/curl exit \d+/)
  })

  it.each([
    ['another learner', 'omar', { address: 'http://localhost:8080/' }, 403],
    ['no session', null, { address: 'http://localhost:8080/' }, 401],
    ['a non-web address', 'lena', { address: 'file:///etc/passwd' }, 400],
    ['an address with credentials', 'lena', { address: 'http://a:b@localhost/' }, 400],
    ['an oversized address', 'lena', { address: `http://x/${'a'.repeat(3000)}` }, 400],
    ['no address', 'lena', {}, 400],
  ])('refuses %s with a JSON error', async (_name, who, body, status) => {
    const res = await call(previewApi.POST, { session: who ? tokens[who]! : null, params: { id }, body })
    expect(res.status).toBe(status)
    expect(res.json.error.message).toEqual(expect.any(String))
  })

  it('lists a failed request with why it failed, to the owner only', async () => {
    const driver = await getLabSessions().driverFor(id)
    const res = await driver.probeHttp({ namespace: 'default', selector: 'app=sleep' }, { url: 'http://reviews:9080/no-such-page' })
    expect(res.status).toBe(404)
    const listed = await call(failuresApi.GET, { session: tokens.lena, params: { id }, path: `/api/lab-sessions/${id}/failures?limit=5` })
    expect(listed.status).toBe(200)
    expect(listed.json.failures[0]).toMatchObject({ status: 404, authority: 'reviews:9080', path: '/no-such-page' })
    expect(listed.json.failures[0].why[0]).toMatch(/^404/)
    expect((await call(failuresApi.GET, { session: tokens.omar, params: { id } })).status).toBe(403)
    expect((await call(failuresApi.GET, { session: tokens.lena, params: { id }, path: `/api/lab-sessions/${id}/failures?limit=999` })).status).toBe(400)
  })

  it('answers an unknown token with 404 and a grant of an ended session with 410', async () => {
    expect((await fetchPreview(`/preview/${'x'.repeat(32)}/`)).status).toBe(404)
    expect((await fetchPreview('/preview/short/')).status).toBe(404)
    const granted = await call(previewApi.POST, { session: tokens.lena, params: { id }, body: { address: 'http://localhost:9080/' } })
    expect((await call(oneRoute.DELETE, { session: tokens.lena, params: { id } })).status).toBe(200)
    expect((await fetchPreview(granted.json.src)).status).toBe(410)
  })
})
