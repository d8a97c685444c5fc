// A module's runnable blocks, run in order on a fresh playground: each must end with its declared exit status.
import type { ClusterDriver } from '@/lab-engine/drivers/cluster-driver'
import type { SimDriver } from '@/lab-engine/drivers/sim'
import type { ParsedDocument } from './parse-module'

export interface RunBlock {
  code: string
  expectExit: number
  kindOnly: boolean
  /** Runs until the learner presses Ctrl-C (istioctl dashboard, kubectl get -w): the test interrupts it. */
  interrupt: boolean
  line: number
}

/** How long an `interrupt` block runs before the test presses Ctrl-C. */
export const INTERRUPT_AFTER_MS = 1_000

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
    interrupt: d.attributes.interrupt !== undefined,
    line: d.line,
  }))
}

/** Runs the blocks (kind-only ones skipped) in the driver's learner shell; the blocks whose last statement ended otherwise than declared. */
export async function runModuleBlocks(blocks: RunBlock[], driver: SimDriver & ClusterDriver): Promise<BlockFailure[]> {
  const failures: BlockFailure[] = []
  for (const b of blocks.filter((x) => !x.kindOnly)) {
    const ctl = new AbortController()
    const timer = b.interrupt ? setTimeout(() => ctl.abort(), INTERRUPT_AFTER_MS) : undefined
    const results = await driver.session.run(b.code, { signal: ctl.signal })
    clearTimeout(timer)
    const got = results.at(-1)?.exitCode ?? 0
    // An interrupted block must have been still running (Ctrl-C's 130), or ended as declared.
    const ok = b.interrupt ? (ctl.signal.aborted && got === 130) || got === b.expectExit : got === b.expectExit
    if (!ok) failures.push({ line: b.line, code: b.code, expected: b.interrupt ? 130 : b.expectExit, got, output: results.map((r) => r.stdout + r.stderr).join('').slice(-600) })
  }
  return failures
}
