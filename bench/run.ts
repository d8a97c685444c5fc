// `npm run bench`: prints figures; never part of pass/fail.
//   npm run bench                        every benchmark
//   npm run bench -- NAME [ARG]          one of them (cold-start, bundle, sim-session, mesh-compile, mesh-data, lab-sessions, terminal, grader);
//                                        ARG goes to a bundled bench (e.g. mesh-data 3hop-profile)
import { execFileSync } from 'node:child_process'
import { build } from 'esbuild'
import path from 'node:path'
import { coldStartBench } from './cold-start'

const TARGET_COLD_START_MS = 3000
const ROOT = path.join(import.meta.dirname, '..')

/** Benchmarks over the engine run bundled in their own process (its schema packages are ESM-only). */
const BUNDLED = ['sim-session', 'mesh-compile', 'mesh-data', 'lab-sessions', 'terminal', 'grader', 'cohort-matrix'] as const

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

async function main() {
  const [only, arg] = process.argv.slice(2)
  if (only && only !== 'cold-start' && only !== 'bundle' && !(BUNDLED as readonly string[]).includes(only)) {
    throw new Error(`unknown benchmark ${only}; one of cold-start, bundle, ${BUNDLED.join(', ')}`)
  }
  console.log('\nbenchmark                                   median     runs')
  if (!only || only === 'cold-start') await coldStart()
  for (const name of BUNDLED) if (!only || only === name) await bundled(name, arg)
  if (!only || only === 'bundle') browserBundle()
}

/** Page weights in real Chromium (bench/bundle.ts), run by tsx in its own process. */
function browserBundle() {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/bundle.ts')], { stdio: 'inherit', cwd: ROOT })
}

async function coldStart() {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-needed.mjs')], { stdio: 'inherit' })
  const { cold, warm } = await coldStartBench(3)
  const coldMedian = median(cold)
  console.log(`cold start to /readyz=200 (fresh PGlite)    ${fmt(coldMedian).padEnd(10)} ${cold.map(fmt).join(', ')}   target < ${fmt(TARGET_COLD_START_MS)} ${coldMedian < TARGET_COLD_START_MS ? 'MET' : 'MISSED'}`)
  console.log(`warm start to /readyz=200 (existing data)   ${fmt(median(warm)).padEnd(10)} ${warm.map(fmt).join(', ')}`)
}

/** Bundles bench/<name>.ts to dist/bench-<name>.mjs and runs it in its own process. */
async function bundled(name: string, arg?: string) {
  const outfile = path.join(ROOT, `dist/bench-${name}.mjs`)
  await build({ entryPoints: [path.join(ROOT, `bench/${name}.ts`)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' })
  execFileSync(process.execPath, ['--expose-gc', outfile, ROOT, ...(arg ? [arg] : [])], { stdio: 'inherit' })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
