// `npm run bench`: prints figures; never part of pass/fail.
import { execFileSync } from 'node:child_process'
import { build } from 'esbuild'
import path from 'node:path'
import { coldStartBench } from './cold-start'

const TARGET_COLD_START_MS = 3000

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

async function main() {
  execFileSync(process.execPath, [path.join(import.meta.dirname, '../scripts/build-if-needed.mjs')], { stdio: 'inherit' })
  const { cold, warm } = await coldStartBench(3)
  const coldMedian = median(cold)
  console.log('\nbenchmark                                   median     runs')
  console.log(`cold start to /readyz=200 (fresh PGlite)    ${fmt(coldMedian).padEnd(10)} ${cold.map(fmt).join(', ')}   target < ${fmt(TARGET_COLD_START_MS)} ${coldMedian < TARGET_COLD_START_MS ? 'MET' : 'MISSED'}`)
  console.log(`warm start to /readyz=200 (existing data)   ${fmt(median(warm)).padEnd(10)} ${warm.map(fmt).join(', ')}`)
  await simSessionBench()
}

/** The engine's schema packages are ESM-only: bundle the sim bench and run it in its own process. */
async function simSessionBench() {
  const root = path.join(import.meta.dirname, '..')
  const outfile = path.join(root, 'dist/bench-sim.mjs')
  await build({ entryPoints: [path.join(root, 'bench/sim-session.ts')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' })
  execFileSync(process.execPath, ['--expose-gc', outfile, root], { stdio: 'inherit' })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
