// `npm run labs:check`: bundles lab-engine/labs-cli.ts (ESM, packages external) and runs it.
import { build } from 'esbuild'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = path.resolve(import.meta.dirname, '..')
const outfile = path.join(ROOT, 'dist/labs-cli.mjs')
await build({
  entryPoints: [path.join(ROOT, 'lab-engine/labs-cli.ts')],
  outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
})
const { labsMain } = await import(pathToFileURL(outfile).href)
process.exitCode = await labsMain(process.argv.slice(2), { out: (s) => process.stdout.write(s), repoRoot: ROOT, now: () => performance.now() })
