// A module's runnable blocks, run in order on a fresh playground: each must end with its declared exit status.
import type { ClusterDriver } from '@/lab-engine/drivers/cluster-driver'
import type { SimDriver } from '@/lab-engine/drivers/sim'
import type { ParsedDocument } from './parse-module'

export interface RunBlock {
  code: string
  expectExit: number
  kindOnly: boolean
  line: number
}

export interface BlockFailure {
  line: number
  code: string
  expected: number
  got: number
  output: string
}

export function runBlocks(parsed: ParsedDocument): RunBlock[] {
  return parsed.directives.filter((d) => d.name === 'run' && d.code).map((d) => ({
    code: d.code!.value,
    expectExit: Number(d.attributes['expect-exit'] ?? 0),
    kindOnly: d.attributes['kind-only'] !== undefined,
    line: d.line,
  }))
}

/** Runs the blocks (kind-only ones skipped) in the driver's learner shell; the blocks whose last statement ended otherwise than declared. */
export async function runModuleBlocks(blocks: RunBlock[], driver: SimDriver & ClusterDriver): Promise<BlockFailure[]> {
  const failures: BlockFailure[] = []
  for (const b of blocks.filter((x) => !x.kindOnly)) {
    const results = await driver.session.run(b.code)
    const last = results.at(-1)
    const got = last?.exitCode ?? 0
    if (got !== b.expectExit) failures.push({ line: b.line, code: b.code, expected: b.expectExit, got, output: results.map((r) => r.stdout + r.stderr).join('').slice(-600) })
  }
  return failures
}
