// /ws/ping over a real WebSocket from Chromium: authenticated echo; refused
// without a session (401) and from a foreign Origin (403).
import { expect, test } from '@playwright/test'
import { signUpViaApi } from '../support/accounts'

function upgradeStatus(baseURL: string, headers: Record<string, string>): Promise<number> {
  const url = new URL('/ws/ping', baseURL)
  return new Promise((resolve, reject) => {
    const req = require('node:http').request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    })
    req.on('response', (res: { statusCode: number }) => resolve(res.statusCode))
    req.on('upgrade', () => resolve(101))
    req.on('error', reject)
    req.end()
  })
}

test('the ping channel echoes for a signed-in user', async ({ page, baseURL }) => {
  await signUpViaApi(page.request, baseURL!, 'Wes Socket')
  await page.goto('/dashboard')
  const messages = await page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const got: string[] = []
        const ws = new WebSocket(`ws://${location.host}/ws/ping`)
        ws.onmessage = (e) => {
          got.push(String(e.data))
          if (got.length === 1) ws.send('hello mesh')
          else (ws.close(), resolve(got))
        }
        ws.onerror = () => reject(new Error('websocket error'))
      }),
  )
  expect(JSON.parse(messages[0])).toMatchObject({ type: 'hello', role: 'learner' })
  expect(messages[1]).toBe('hello mesh')
})

test('upgrades without a session or from another origin are refused', async ({ page, baseURL }) => {
  expect(await upgradeStatus(baseURL!, { origin: baseURL! })).toBe(401)
  await signUpViaApi(page.request, baseURL!, 'Evan Origin')
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
  expect(await upgradeStatus(baseURL!, { origin: 'http://evil.example', cookie })).toBe(403)
  expect(await upgradeStatus(baseURL!, { origin: baseURL!, cookie })).toBe(101)
})
