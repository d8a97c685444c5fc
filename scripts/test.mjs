// `npm test`: unit + integration (Vitest), then e2e (Playwright, real Chromium,
// against the production build). Stops early with one line when no browser exists.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { buildIfNeeded } from './build-if-needed.mjs'
import chromiumFinder from './find-chromium.cjs'

const { NO_CHROMIUM_MESSAGE, findChromium } = chromiumFinder

const ROOT = path.resolve(import.meta.dirname, '..')
const chromium = findChromium()
if (!chromium) {
  console.error(NO_CHROMIUM_MESSAGE)
  process.exit(1)
}

function run(argv, env = {}) {
  console.log(`\n$ ${argv.join(' ')}`)
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

buildIfNeeded()
run(['npm', 'run', '--silent', 'typecheck'])
run(['npx', 'vitest', 'run'], { NODE_ENV: 'test' })
run(['npx', 'playwright', 'test'], { CHROMIUM_PATH: chromium })
