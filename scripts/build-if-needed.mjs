// Builds the app when the build is missing or older than the sources: the
// Prisma client, the PGlite template cluster, the Next.js production build and
// the server bundle (dist/server.mjs). Used by `npm start`, `npm test`, `npm run build`.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
const NEXT_SOURCES = ['app', 'lib', 'public', 'prisma/schema.prisma', 'next.config.ts', 'postcss.config.mjs', 'package.json', 'package-lock.json']
const SERVER_SOURCES = ['server.ts', 'lib', 'prisma', 'tsconfig.json', 'package-lock.json']

function newestMtime(p) {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), st.mtimeMs)
}

function isStale(output, sources) {
  const built = newestMtime(path.join(ROOT, output))
  return sources.some((s) => newestMtime(path.join(ROOT, s)) > built)
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
  run(['npx', 'tsx', 'prisma/pglite-template-cli.ts'])
  if (force || isStale('.next/BUILD_ID', NEXT_SOURCES)) {
    console.log(existsSync(path.join(ROOT, '.next/BUILD_ID')) ? 'Sources changed since the last build; rebuilding…' : 'Building Mesh Dojo (first run only)…')
    run(['npx', 'next', 'build'], { NEXT_TELEMETRY_DISABLED: '1' })
  }
  if (force || isStale('dist/server.mjs', SERVER_SOURCES)) run([process.execPath, 'scripts/build-server.mjs'])
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded({ force: process.argv.includes('--force') })
