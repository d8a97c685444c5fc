// `npm run content:check`: bundles lib/content/content-cli.ts (ESM, packages external) and runs it on this repository.
import { build } from 'esbuild'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = path.resolve(import.meta.dirname, '..')
const outfile = path.join(ROOT, 'dist/content-check.mjs')
await build({
  entryPoints: [path.join(ROOT, 'lib/content/content-cli.ts')],
  outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
})
const { contentCheckMain } = await import(pathToFileURL(outfile).href)
process.exitCode = contentCheckMain(ROOT, (s) => process.stdout.write(s))
