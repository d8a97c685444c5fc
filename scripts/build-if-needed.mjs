// Builds the app (Prisma client + Next.js production build) when the build is
// missing or older than the sources. Used by `npm start` and `npm test`.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const SOURCES = ['app', 'lib', 'public', 'prisma/schema.prisma', 'next.config.ts', 'postcss.config.mjs', 'package.json', 'package-lock.json']

function newestMtime(p) {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs)
}

function run(argv, env = {}) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

export function buildIfNeeded({ force = false } = {}) {
  const client = path.join(ROOT, 'prisma/generated/client.ts')
  if (force || newestMtime(path.join(ROOT, 'prisma/schema.prisma')) > newestMtime(client)) {
    run(['npx', 'prisma', 'generate'], { PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false' })
  }
  const buildId = path.join(ROOT, '.next/BUILD_ID')
  const built = newestMtime(buildId)
  const stale = SOURCES.some((s) => newestMtime(path.join(ROOT, s)) > built)
  if (force || stale) {
    console.log(built ? 'Sources changed since the last build; rebuilding…' : 'Building Mesh Dojo (first run only)…')
    run(['npx', 'next', 'build'], { NEXT_TELEMETRY_DISABLED: '1' })
  }
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded({ force: process.argv.includes('--force') })
