// `node lib/editor-schemas/generate.mjs`: rewrites kube-schemas.json, the editor's schema (run it after upgrading the model packages).
//
// Generated ahead of time and committed because reading the declaration files
// needs the TypeScript compiler (seconds, tens of MB): neither the server nor
// the browser should do that. The model packages are ESM-only, so the builder
// is bundled with esbuild first (as scripts/labs.mjs does). editor-schemas.test.ts
// fails when the installed packages no longer match the versions in the file.
import { build } from 'esbuild'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const ROOT = path.resolve(import.meta.dirname, '../..')
const OUT = path.join(import.meta.dirname, 'kube-schemas.json')

const started = performance.now()
// Inside the repository, so the bundle's bare imports resolve from node_modules.
const cache = path.join(ROOT, 'node_modules/.cache')
mkdirSync(cache, { recursive: true })
const dir = mkdtempSync(path.join(cache, 'editor-schemas-'))
try {
  const outfile = path.join(dir, 'build-schemas.mjs')
  await build({
    entryPoints: [path.join(import.meta.dirname, 'build-schemas.ts')],
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
    alias: { '@': ROOT },
  })
  const { buildEditorSchemas, schemaFileText } = await import(pathToFileURL(outfile).href)
  const built = buildEditorSchemas(ROOT)
  const text = schemaFileText(built)
  writeFileSync(OUT, text)
  const defs = Object.keys(built.schema.definitions).length
  console.log(`wrote ${path.relative(process.cwd(), OUT)}: ${(text.length / 1024).toFixed(0)} KiB, ${defs} definitions, ${((performance.now() - started) / 1000).toFixed(1)} s`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
