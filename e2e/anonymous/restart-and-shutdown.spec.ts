// Restarting the server keeps users and sessions (PGlite data persisted), and
// SIGTERM stops it cleanly within 10 s, closing WebSockets with 1001.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, request, test } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'
import { startServer, stopServer } from '../support/server-process'

test('users and sessions survive a restart; SIGTERM closes sockets and exits in time', async ({ browser }) => {
  test.setTimeout(120_000)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mesh-dojo-restart-'))
  const port = Number(process.env.E2E_PORT) + 1
  try {
    const first = await startServer({ port, dataDir })
    expect(first.admin, 'first start prints an admin').not.toBeNull()
    const ctx = await browser.newContext({ baseURL: first.baseURL })
    const learner = await signUpViaApi(ctx.request, first.baseURL, 'Rita Restart')

    const page = await ctx.newPage()
    await page.goto('/dashboard')
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const ws = new WebSocket(`ws://${location.host}/ws/ping`)
          const w = window as unknown as { wsClosed: Promise<number> }
          w.wsClosed = new Promise((r) => ws.addEventListener('close', (e) => r(e.code)))
          ws.onopen = () => resolve()
          ws.onerror = () => reject(new Error('websocket error'))
        }),
    )
    const stopped = await stopServer(first)
    expect(stopped.code).toBe(0)
    expect(stopped.ms).toBeLessThan(10_000)
    expect(await page.evaluate(() => (window as unknown as { wsClosed: Promise<number> }).wsClosed)).toBe(1001)

    const second = await startServer({ port, dataDir })
    expect(second.admin, 'a restart does not create another admin').toBeNull()
    const me = await ctx.request.get(`${second.baseURL}/api/me`)
    expect(me.status()).toBe(200)
    expect((await me.json()).user.email).toBe(learner.email)
    const fresh = await request.newContext({ baseURL: second.baseURL })
    const signIn = await fresh.post('/api/auth/sign-in', { data: { email: learner.email, password: learner.password }, headers: { origin: second.baseURL } })
    expect(signIn.status()).toBe(200)
    await fresh.dispose()
    await ctx.close()
    expect((await stopServer(second)).code).toBe(0)
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
})
