// `npm run screenshots`: starts the production server on a scratch database,
// fills it with a little data, and saves the README's screenshots (real Chromium).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium } from '@playwright/test'
import { startServer, stopServer } from '../e2e/support/server-process'
import chromiumFinder from './find-chromium.cjs'

const OUT = path.resolve(import.meta.dirname, '../docs/screenshots')
const PEOPLE = ['Ada Byron', 'Grace Hopper', 'Linus Torvalds', 'Kelsey Hightower']

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mesh-dojo-shots-'))
  const server = await startServer({ port: 35500, dataDir })
  const browser = await chromium.launch({ executablePath: chromiumFinder.findChromium() ?? undefined, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] })
  try {
    const ctx = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1280, height: 800 } })
    const headers = { origin: server.baseURL }
    for (const name of PEOPLE) {
      const other = await browser.newContext({ baseURL: server.baseURL })
      await other.request.post('/api/auth/sign-up', { data: { name, email: `${name.split(' ')[0].toLowerCase()}@example.test`, password: 'screenshot password' }, headers })
      await other.close()
    }
    await ctx.request.post('/api/auth/sign-in', { data: server.admin, headers })
    await ctx.request.post('/api/cohorts', { data: { name: 'Istio bootcamp — spring', description: 'Six weeks of Kubernetes and Istio, hands on.' }, headers })
    const page = await ctx.newPage()
    for (const [url, file] of [['/', 'home.png'], ['/dashboard', 'dashboard.png'], ['/admin/users', 'admin-users.png'], ['/instructor/cohorts', 'cohorts.png']]) {
      await page.goto(url)
      await page.screenshot({ path: path.join(OUT, file) })
      console.log(`saved docs/screenshots/${file}`)
    }
  } finally {
    await browser.close()
    await stopServer(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
