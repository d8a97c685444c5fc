// The honesty gate: a lab's checks must fail on an untouched environment and pass on its solutions, in order.
//
// Issue 6 "Honesty gate": on the sim, setup then grade -> every task fails;
// solving tasks 1..k -> tasks 1..k pass and later ones still fail; each
// alternative solution passes its task too. A problem names the task and the
// check's observed value, so an author can fix the lab.
import { SimDriver } from '../drivers/sim'
import { gradeLab, type GradeResult } from './grade-lab'
import type { LabSpec } from './lab-schema'

export interface GateProblem {
  stage: 'setup' | 'untouched' | 'solution' | 'alternative'
  taskId: string
  message: string
}

export interface GateReport {
  problems: GateProblem[]
  /** Gradings run (each a full lab). */
  gradings: number
}

/** `files` are the learner's home files (the lab's own plus content/samples). */
export async function runHonestyGate(lab: LabSpec, files: Readonly<Record<string, string>>): Promise<GateReport> {
  const problems: GateProblem[] = []
  let gradings = 0
  const grade = async (driver: SimDriver) => (gradings++, gradeLab(lab, driver))
  const driver = await started(lab, files, problems)
  if (!driver) return { problems, gradings }
  try {
    const untouched = await grade(driver)
    for (const t of untouched.tasks) if (t.passed) problems.push({ stage: 'untouched', taskId: t.taskId, message: 'passes before the learner does anything (a vacuous check)' })
    for (const [k, task] of lab.tasks.entries()) {
      const ran = await runSolution(driver, task.solution)
      if (ran) problems.push({ stage: 'solution', taskId: task.id, message: ran })
      const after = await grade(driver)
      problems.push(...orderProblems(after, k, 'solution'))
    }
  } finally {
    await driver.stop()
  }
  for (const [k, task] of lab.tasks.entries()) {
    for (const [i, alternative] of task.alternatives.entries()) {
      gradings++
      problems.push(...(await checkAlternative(lab, files, k, alternative, i)))
    }
  }
  return { problems, gradings }
}

async function started(lab: LabSpec, files: Readonly<Record<string, string>>, problems: GateProblem[]): Promise<SimDriver | null> {
  const driver = new SimDriver()
  try {
    await driver.start({ seed: 1, setup: lab.setup, files: { ...files, ...lab.files }, mode: 'grading' })
    return driver
  } catch (err) {
    problems.push({ stage: 'setup', taskId: '-', message: (err as Error).message })
    return null
  }
}

/** Runs shell statements in the learner's shell; returns a problem when one fails. */
async function runSolution(driver: SimDriver, script: string): Promise<string | null> {
  const results = await driver.session.run(script)
  const failed = results.find((r) => r.exitCode !== 0)
  return failed ? `solution step \`${failed.command}\` exited ${failed.exitCode}: ${(failed.stderr || failed.stdout).trim().slice(0, 300)}` : null
}

/** After solving tasks 0..k: those pass, later ones fail. */
function orderProblems(result: GradeResult, k: number, stage: 'solution' | 'alternative'): GateProblem[] {
  return result.tasks.flatMap((t, i) => {
    if (i <= k && !t.passed) return [{ stage, taskId: t.taskId, message: `fails after its solution: ${t.checks.filter((c) => !c.passed).map((c) => c.message).join('; ')}` }]
    if (i > k && t.passed) return [{ stage, taskId: t.taskId, message: `already passes after only the tasks before it are solved (task ${k + 1})` }]
    return []
  })
}

async function checkAlternative(lab: LabSpec, files: Readonly<Record<string, string>>, k: number, alternative: string, index: number): Promise<GateProblem[]> {
  const problems: GateProblem[] = []
  const driver = await started(lab, files, problems)
  if (!driver) return problems
  try {
    for (const task of lab.tasks.slice(0, k)) await runSolution(driver, task.solution)
    const ran = await runSolution(driver, alternative)
    const taskId = lab.tasks[k]!.id
    if (ran) return [{ stage: 'alternative', taskId, message: `alternative ${index + 1}: ${ran}` }]
    const result = await gradeLab(lab, driver, { taskIds: [taskId] })
    const task = result.tasks[0]!
    if (!task.passed) problems.push({ stage: 'alternative', taskId, message: `alternative ${index + 1} fails: ${task.checks.filter((c) => !c.passed).map((c) => c.message).join('; ')}` })
    return problems
  } finally {
    await driver.stop()
  }
}
