// A graded lab end to end over the real HTTP API and WebSockets: start request-routing, type the solutions into
// the terminal socket, watch `task` events tick, take a hint, submit, read the score and the stored results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as checkRoute from '@/app/api/lab-sessions/[id]/check/route'
import * as hintsRoute from '@/app/api/lab-sessions/[id]/hints/route'
import * as progressRoute from '@/app/api/lab-sessions/[id]/progress/route'
import * as submitRoute from '@/app/api/lab-sessions/[id]/submit/route'
import * as sessionsRoute from '@/app/api/lab-sessions/route'
import * as signUp from '@/app/api/auth/sign-up/route'
import { SESSION_COOKIE } from '@/lib/auth/cookies'
import { startServer, type RunningServer } from '@/lib/server/start-server'
import { call, sessionFrom } from './api-client'
import { TerminalClient } from './lab-session-client'

let server: RunningServer
let token = ''
let other = ''

beforeAll(async () => {
  server = await startServer({ config: { port: 0, host: '127.0.0.1', dev: false, trustProxy: false, shutdownTimeoutMs: 10_000 }, database: { dataDir: 'memory://' }, loadNext: null })
  for (const name of ['rosa', 'tom']) {
    const res = await call(signUp.POST, { body: { email: `${name}@example.test`, name, password: 'a long enough password' }, ip: `198.51.100.${name.length}` })
    if (name === 'rosa') token = sessionFrom(res.headers)
    else other = sessionFrom(res.headers)
  }
}, 60_000)
afterAll(async () => server?.shutdown('test done'))

describe('a graded lab over HTTP and WebSockets', () => {
  it('ticks tasks as the learner solves them in the terminal, then grades the submission', async () => {
    const started = await call(sessionsRoute.POST, { session: token, body: { lab: 'request-routing' } })
    expect(started.status).toBe(201)
    const id = started.json.session.id as string
    const headers = { origin: server.url, cookie: `${SESSION_COOKIE}=${token}` }
    const tasks: { taskId: string; status: string }[] = []
    const events = new WebSocket(`${server.url.replace('http', 'ws')}/ws/events/${id}`, { headers })
    events.on('message', (data) => {
      const e = JSON.parse(data.toString())
      if (e.type === 'task') tasks.push(e)
    })
    await new Promise((resolve, reject) => (events.on('open', resolve), events.on('error', reject)))

    const before = await call(progressRoute.GET, { session: token, params: { id } })
    expect(before.json.tasks.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([['all-v1', 'pending'], ['jason-v2', 'pending']])
    expect((await call(checkRoute.POST, { session: token, params: { id }, body: {} })).json.tasks[0].messages[0]).toMatch(/^Requests to reviews still reach versions other than v1/)

    const hint = await call(hintsRoute.POST, { session: token, params: { id }, body: { taskId: 'all-v1' } })
    expect(hint.json.hint).toMatchObject({ index: 0, text: expect.stringContaining('destination-rule-all.yaml') })
    expect((await call(hintsRoute.POST, { session: other, params: { id }, body: { taskId: 'all-v1' } })).status).toBe(403)

    const term = await TerminalClient.open(`${server.url.replace('http', 'ws')}/ws/terminal/${id}`, headers)
    await term.waitFor('$ ')
    term.type('kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml && kubectl apply -f samples/bookinfo/networking/virtual-service-all-v1.yaml\r')
    await term.waitFor('virtualservice.networking.istio.io/ratings created')
    await expect.poll(() => tasks.findLast((t) => t.taskId === 'all-v1')?.status, { timeout: 20_000 }).toBe('passed')
    expect(tasks.filter((t) => t.taskId === 'jason-v2').map((t) => t.status)).not.toContain('passed')

    term.type('kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-test-v2.yaml\r')
    await term.waitFor('virtualservice.networking.istio.io/reviews configured')
    await expect.poll(() => tasks.findLast((t) => t.taskId === 'jason-v2')?.status, { timeout: 20_000 }).toBe('passed')

    const submitted = await call(submitRoute.POST, { session: token, params: { id }, body: {} })
    expect(submitted.json.attempt).toMatchObject({ status: 'graded', score: 20, maxScore: 20 })
    expect(submitted.json.tasks[0]).toMatchObject({ id: 'all-v1', hints: [expect.stringContaining('destination-rule-all.yaml')], hintsTotal: 2 })
    expect((await call(submitRoute.POST, { session: token, params: { id }, body: {} })).status).toBe(409)

    const attempt = await server.db.prisma.attempt.findFirstOrThrow({ where: { labSessionId: id }, include: { checkResults: true, hintUses: true } })
    expect(attempt.labVersion).toMatch(/^[0-9a-f]{16}$/)
    expect(attempt.checkResults.map((r) => [r.taskId, r.checkId, r.passed]).sort()).toEqual([['all-v1', 'reviews-v1-only', true], ['jason-v2', 'jason-gets-v2', true], ['jason-v2', 'others-stay-v1', true]])
    expect(attempt.hintUses.map((h) => [h.taskId, h.hintIndex])).toEqual([['all-v1', 0]])
    events.close()
    await term.close()
  }, 60_000)
})
