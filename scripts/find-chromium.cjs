// Finds a Chromium for Playwright: CHROMIUM_PATH, Debian's /usr/bin/chromium,
// then Playwright's own installed browsers. Returns null when there is none.
// CommonJS so both the .mjs scripts and playwright.config.ts can load it.
const { existsSync } = require('node:fs')

function playwrightChromium() {
  try {
    const { chromium } = require('playwright-core')
    const p = chromium.executablePath()
    return p && existsSync(p) ? p : null
  } catch {
    return null
  }
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']
  for (const c of candidates) if (c && existsSync(c)) return c
  return playwrightChromium()
}

const NO_CHROMIUM_MESSAGE =
  'No Chromium found: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.'

module.exports = { findChromium, NO_CHROMIUM_MESSAGE }
