// Starts the production server on a fresh data directory, records the printed
// first-run admin credentials, and saves the admin's signed-in browser state.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { request } from '@playwright/test'
import { ROOT, startServer } from './support/server-process'

export const STATE_DIR = path.join(ROOT, 'e2e/.state')

export default async function globalSetup() {
  mkdirSync(STATE_DIR, { recursive: true })
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mesh-dojo-e2e-'))
  // TRUST_PROXY: the specs sign up more learners than one address may in an hour (SIGN_UPS_PER_ADDRESS);
  // signUpViaApi gives each account its own X-Forwarded-For, as learners behind a proxy would have.
  const server = await startServer({ port: Number(process.env.E2E_PORT), dataDir, env: { TRUST_PROXY: '1' } })
  if (!server.admin) throw new Error(`the server did not print first-run admin credentials:\n${server.output()}`)
  writeFileSync(path.join(STATE_DIR, 'server.json'), JSON.stringify({ pid: server.child.pid, dataDir, admin: server.admin }))
  const api = await request.newContext({ baseURL: server.baseURL })
  const res = await api.post('/api/auth/sign-in', { data: server.admin, headers: { origin: server.baseURL } })
  if (!res.ok()) throw new Error(`admin sign-in failed: ${res.status()} ${await res.text()}`)
  await api.storageState({ path: path.join(STATE_DIR, 'admin.json') })
  await api.dispose()
  server.child.stdout?.removeAllListeners('data')
  server.child.stdout?.resume()
  server.child.stderr?.resume()
  server.child.unref()
}
