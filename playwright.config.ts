// Playwright e2e: real Chromium (Debian's, or CHROMIUM_PATH) against the real
// production server started by e2e/global-setup.ts, one worker.
import { defineConfig } from '@playwright/test'
import { findChromium } from './scripts/find-chromium.cjs'

// Chosen once here; workers inherit it through the environment.
process.env.E2E_PORT ??= String(31000 + Math.floor(Math.random() * 2000))
const baseURL = `http://localhost:${process.env.E2E_PORT}`
const executablePath = findChromium() ?? undefined

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  forbidOnly: !!process.env.CI,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'anonymous', testMatch: /anonymous\/.*\.spec\.ts/ },
    { name: 'admin', testMatch: /admin\/.*\.spec\.ts/, use: { storageState: 'e2e/.state/admin.json' } },
  ],
})
