// Bundle figures (issue 8 target: a module page's initial JS under 250 KB gzip; Monaco, xterm and Cytoscape only where used).
// Builds if needed, starts the production server, and loads pages in real Chromium; a figure is the gzip size of the
// JavaScript files the browser actually fetched (each file gzipped at level 9, as a CDN would serve it), so it counts
// what a learner downloads, not what the bundler reports.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Page } from '@playwright/test'
import { startServer, stopServer } from '../e2e/support/server-process'
import chromiumFinder from '../scripts/find-chromium.cjs'

const ROOT = path.join(import.meta.dirname, '..')
const TARGET_MODULE_PAGE_KB = 250

/** Collects the same-origin scripts a page fetches from now on. */
function scriptRecorder(page: Page): { take(): Set<string> } {
  let seen = new Set<string>()
  page.on('response', (res) => {
    const url = new URL(res.url())
    if (res.request().resourceType() === 'script' && url.pathname.startsWith('/_next/static/')) seen.add(url.pathname)
  })
  return { take: () => ((s) => ((seen = new Set()), s))(seen) }
}

function gzipKb(files: Iterable<string>): number {
  let bytes = 0
  for (const f of files) bytes += gzipSync(readFileSync(path.join(ROOT, '.next', f.replace(/^\/_next\//, ''))), { level: 9 }).length
  return bytes / 1024
}

function report(name: string, kb: number, note = ''): void {
  console.log(`${name.padEnd(52)} ${`${kb.toFixed(0)} KB`.padEnd(9)} ${note}`)
}

async function main() {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-needed.mjs')], { stdio: 'inherit' })
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mesh-dojo-bundle-'))
  const server = await startServer({ port: 35600, dataDir })
  const browser = await chromium.launch({ executablePath: chromiumFinder.findChromium() ?? undefined, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] })
  try {
    const ctx = await browser.newContext({ baseURL: server.baseURL })
    await ctx.request.post('/api/auth/sign-up', { data: { name: 'Bundle Bench', email: 'bundle@example.test', password: 'bundle bench password' }, headers: { origin: server.baseURL } })
    const page = await ctx.newPage()
    const scripts = scriptRecorder(page)
    console.log('\ninitial JS (gzip, as fetched by Chromium)         size')
    await page.goto('/modules/03-traffic-management', { waitUntil: 'networkidle' })
    const moduleKb = gzipKb(scripts.take())
    report('module page /modules/03-traffic-management', moduleKb, `target < ${TARGET_MODULE_PAGE_KB} KB ${moduleKb < TARGET_MODULE_PAGE_KB ? 'MET' : 'MISSED'}`)
    await page.getByRole('button', { name: 'Run in terminal' }).first().click()
    await page.locator('.lab-terminal-screen .xterm-rows').waitFor()
    await page.waitForLoadState('networkidle')
    report('  + terminal dock (xterm.js), loaded on first Run', gzipKb(scripts.take()))
    await page.goto('/labs/request-routing/workbench', { waitUntil: 'networkidle' })
    report('workbench before the lab starts', gzipKb(scripts.take()))
    await page.getByRole('button', { name: 'Start lab' }).click()
    await page.locator('.lab-terminal-screen .xterm-rows').waitFor({ timeout: 30_000 })
    await page.waitForLoadState('networkidle')
    report('  + running workbench (terminal, instructions, first tab)', gzipKb(scripts.take()))
    for (const tab of ['Editor', 'Mesh graph', 'Cluster', 'Telemetry', 'Preview']) {
      const button = page.getByRole('tab', { name: tab })
      if ((await button.count()) === 0) continue
      await button.click()
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(500)
      report(`  + ${tab} tab, loaded when first opened`, gzipKb(scripts.take()))
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
