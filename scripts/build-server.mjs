// Bundles server.ts and its platform code into dist/server.mjs (packages stay
// external), so production starts without compiling TypeScript at run time.
import { build } from 'esbuild'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

await build({
  entryPoints: [path.join(ROOT, 'server.ts')],
  outfile: path.join(ROOT, 'dist/server.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  tsconfig: path.join(ROOT, 'tsconfig.json'),
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
})
