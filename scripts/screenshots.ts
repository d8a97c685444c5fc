// `npm run screenshots`: starts the production server on a scratch database,
// fills it with a little data, and saves the README's screenshots (real Chromium).
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'
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
    const created = await ctx.request.post('/api/cohorts', { data: { name: 'Istio bootcamp — spring', description: 'Six weeks of Kubernetes and Istio, hands on.' }, headers })
    const { cohort, inviteUrl } = (await created.json()) as { cohort: { id: string }; inviteUrl: string }
    const page = await ctx.newPage()
    for (const [url, file] of [['/', 'home.png'], ['/dashboard', 'dashboard.png'], ['/admin/users', 'admin-users.png'], ['/instructor/cohorts', 'cohorts.png']]) {
      await page.goto(url)
      await save(page, file)
    }
    await learnerScreens(browser, server.baseURL, inviteUrl.split('/join/')[1]!)
    await staffScreens(page, cohort.id)
  } finally {
    await browser.close()
    await stopServer(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function save(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, file) })
  console.log(`saved docs/screenshots/${file}`)
}

/** A learner's module page, and the workbench with a 90/10 canary split and live traffic on the mesh graph. */
async function learnerScreens(browser: Browser, baseURL: string, inviteCode: string): Promise<void> {
  const ctx = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 } })
  await ctx.request.post('/api/auth/sign-up', { data: { name: 'Lee Learner', email: 'lee@example.test', password: 'screenshot password' }, headers: { origin: baseURL } })
  await ctx.request.post('/api/cohorts/join', { data: { code: inviteCode }, headers: { origin: baseURL } })
  const page = await ctx.newPage()
  await page.goto('/modules/03-traffic-management')
  await save(page, 'module.png')
  await page.goto('/labs/canary-release/workbench')
  await page.getByRole('button', { name: 'Start lab' }).click()
  const rows = page.locator('.lab-terminal-screen .xterm-rows')
  await rows.waitFor({ timeout: 30_000 })
  // The graph counts the traffic it sees while open, so it is opened before the requests are sent.
  await page.getByRole('tab', { name: 'Mesh graph' }).click()
  await page.locator('.lab-terminal-screen').click()
  for (const line of [
    'kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml',
    'kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-90-10.yaml',
    'for i in $(seq 1 40); do kubectl exec deploy/sleep -- curl -s productpage:9080/productpage > /dev/null; done; echo "traffic" "finished"',
  ]) {
    await page.keyboard.type(line)
    await page.keyboard.press('Enter')
  }
  await rows.getByText('traffic finished').waitFor({ timeout: 60_000 })
  await page.waitForTimeout(1_500)
  await save(page, 'workbench.png')
  // The graph on its own: widen the tools pane with the separators' arrow keys (the layered layout reads best; no fcose tidy).
  for (const [name, presses] of [['Resize terminal and tools', 14], ['Resize instructions and terminal', 6]] as const) {
    await page.getByRole('separator', { name }).focus()
    for (let i = 0; i < presses; i++) await page.keyboard.press('ArrowLeft')
  }
  await page.waitForTimeout(1_000)
  await page.getByRole('region', { name: 'Tools' }).screenshot({ path: path.join(OUT, 'mesh-graph.png') })
  console.log('saved docs/screenshots/mesh-graph.png')
  // Submitted for grading, so the grader and the instructor have something to show.
  await page.getByRole('button', { name: 'Submit for grading' }).click()
  await page.getByTestId('lab-score').getByText(/^Score:/).waitFor({ timeout: 30_000 })
  await ctx.close()
}

/** The admin (staff everywhere) on the grading queue's first attempt and the cohort's progress matrix. */
async function staffScreens(page: Page, cohortId: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.goto('/grader/attempts')
  await page.getByRole('link', { name: /Lee Learner|Canary release/ }).first().click()
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(1_000)
  await save(page, 'grader.png')
  await page.goto(`/instructor/cohorts/${cohortId}/progress`)
  await save(page, 'cohort-matrix.png')
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
