// `npm start`: build when needed, then run the production server on the
// embedded defaults (sim driver, PGlite under .data/). Signals pass through.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { buildIfNeeded } from './build-if-needed.mjs'

const ROOT = path.resolve(import.meta.dirname, '..')
buildIfNeeded()
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.mjs'], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env },
})
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
