// `npm run sim`: bundles lab-engine/cli.ts (ESM, packages external — the
// Kubernetes schema packages are ESM-only) and runs it.
import { build } from 'esbuild'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = path.resolve(import.meta.dirname, '..')
const outfile = path.join(ROOT, 'dist/sim-cli.mjs')
await build({
  entryPoints: [path.join(ROOT, 'lab-engine/cli.ts')],
  outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
})
const { main } = await import(pathToFileURL(outfile).href)
const code = await main(process.argv.slice(2), {
  stdin: () => readFileSync(0, 'utf8'),
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  repoRoot: ROOT,
  // --realtime: the session's clock follows the wall clock, as a learner's terminal does.
  host: { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h) },
})
process.exitCode = code
