// Grader figures (issue 6 targets): grading a full lab on the sim after its reference solutions (target < 500 ms for
// the largest lab), and the honesty gate over every lab (total time). Bundled and run by bench/run.ts.
import path from 'node:path'
import { sampleFiles } from '../lab-engine/cli'
import { SimDriver } from '../lab-engine/drivers/sim'
import { gradeLab } from '../lab-engine/grader/grade-lab'
import { runHonestyGate } from '../lab-engine/grader/honesty-gate'
import { findLabFiles, readLab } from '../lab-engine/grader/lab-files'

const ROOT = process.argv[2] ?? process.cwd()
const TARGET_GRADE_MS = 500

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

async function main() {
  const samples = sampleFiles(path.join(ROOT, 'content/samples'))
  const labs = findLabFiles(ROOT).flatMap((f) => {
    const loaded = readLab(ROOT, f)
    return loaded.ok ? [{ name: f.name, lab: loaded.lab }] : []
  })
  let worst = { name: '', ms: 0 }
  for (const { name, lab } of labs) {
    const driver = new SimDriver()
    await driver.start({ seed: 1, setup: lab.setup, files: { ...samples, ...lab.files }, mode: 'grading' })
    for (const task of lab.tasks) await driver.session.run(task.solution)
    const runs: number[] = []
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      await gradeLab(lab, driver)
      runs.push(performance.now() - t)
    }
    await driver.stop()
    const ms = median(runs)
    if (ms > worst.ms) worst = { name, ms }
    console.log(`  grade ${name.padEnd(52)} ${ms.toFixed(0).padStart(5)} ms`)
  }
  console.log(`grading a full lab on sim (slowest)         ${worst.ms.toFixed(0)} ms (${worst.name})   target < ${TARGET_GRADE_MS} ms ${worst.ms < TARGET_GRADE_MS ? 'MET' : 'MISSED'}`)
  const t = performance.now()
  let gradings = 0
  for (const { lab } of labs) gradings += (await runHonestyGate(lab, samples)).gradings
  console.log(`honesty gate, all ${labs.length} labs                  ${((performance.now() - t) / 1000).toFixed(1)} s (${gradings} gradings)`)
}

main().then(() => process.exit(0), (err) => (console.error(err), process.exit(1)))
