// The repository root: the nearest directory above this module holding the
// project's package.json. Works from the sources (tsx, Vitest) and from the
// bundled server in dist/ alike.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | undefined

export function repoRoot(): string {
  if (cached) return cached
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mesh-dojo') return (cached = dir)
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error('cannot find the mesh-dojo package root above ' + fileURLToPath(import.meta.url))
    dir = parent
  }
}
