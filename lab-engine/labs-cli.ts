// `npm run labs:check [lab]`: the honesty gate for authors (every lab, or the ones whose name contains the argument);
// `npm run labs:check -- --write-schema` regenerates content/lab.schema.json for editors.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { sampleFiles } from './cli'
import { findLabFiles, readLab } from './grader/lab-files'
import { runHonestyGate } from './grader/honesty-gate'
import { labJsonSchema } from './grader/lab-schema'

export async function labsMain(argv: string[], io: { out: (s: string) => void; repoRoot: string; now: () => number }): Promise<number> {
  if (argv[0] === '--write-schema') {
    writeFileSync(path.join(io.repoRoot, 'content/lab.schema.json'), JSON.stringify(labJsonSchema(), null, 2) + '\n')
    io.out('wrote content/lab.schema.json\n')
    return 0
  }
  const labs = findLabFiles(io.repoRoot).filter((l) => !argv[0] || l.name.includes(argv[0]))
  if (labs.length === 0) return io.out(`no lab matches ${argv[0] ?? '(any)'}\n`), 1
  const samples = sampleFiles(path.join(io.repoRoot, 'content/samples'))
  let failed = 0
  const start = io.now()
  for (const l of labs) {
    const t = io.now()
    const loaded = readLab(io.repoRoot, l)
    const problems = loaded.ok ? (await runHonestyGate(loaded.lab, samples)).problems.map((p) => `  ${p.stage} ${p.taskId}: ${p.message}`) : loaded.problems.map((p) => `  ${p.file}:${p.line}: ${p.message}`)
    io.out(`${problems.length ? 'FAIL' : 'ok  '} ${l.name} (${((io.now() - t) / 1000).toFixed(1)} s)\n${problems.map((p) => p + '\n').join('')}`)
    if (problems.length) failed++
  }
  io.out(`${labs.length - failed}/${labs.length} labs pass the honesty gate in ${((io.now() - start) / 1000).toFixed(1)} s\n`)
  return failed ? 1 : 0
}
