// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium,
// then Playwright's own installed browsers. Returns null when there is none.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  for (const c of candidates) if (c && existsSync(c)) return c
  return playwrightChromium()
}

function playwrightChromium() {
  try {
    // Resolved lazily: @playwright/test is a dev dependency.
    const { chromium } = require('playwright-core')
    const p = chromium.executablePath()
    return p && existsSync(p) ? p : null
  } catch {
    return null
  }
}

export const NO_CHROMIUM_MESSAGE =
  'No Chromium found: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.'
