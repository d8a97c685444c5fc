// The gate itself can fail: vacuous checks, broken solutions, tasks solved out of order, failing alternatives.
import { describe, expect, it } from 'vitest'
import { runHonestyGate } from './honesty-gate'
import { labSchema, type LabSpec } from './lab-schema'

const lab = (tasks: unknown[]): LabSpec => labSchema.parse({ title: 't', summary: 's', module: '01-kubernetes-foundations', estimatedMinutes: 5, difficulty: 'beginner', tasks })
const nsExists = (name: string) => ({ kind: 'resource', message: `create namespace ${name}`, resource: { kind: 'Namespace', name }, expect: 'exists' })

describe('honesty gate detects', () => {
  it('a check that passes on the untouched environment', async () => {
    const report = await runHonestyGate(lab([{ id: 'a', title: 'a', instructions: 'x', checks: [nsExists('default')], solution: 'true' }]), {})
    expect(report.problems).toContainEqual({ stage: 'untouched', taskId: 'a', message: 'passes before the learner does anything (a vacuous check)' })
  })

  it('a solution that does not satisfy its checks, and one that fails to run', async () => {
    const report = await runHonestyGate(lab([
      { id: 'a', title: 'a', instructions: 'x', checks: [nsExists('shop')], solution: 'kubectl create namespace shopping' },
      { id: 'b', title: 'b', instructions: 'x', checks: [nsExists('cart')], solution: 'kubectl get namespace nope' },
    ]), {})
    expect(report.problems.map((p) => [p.stage, p.taskId])).toEqual([['solution', 'a'], ['solution', 'b'], ['solution', 'a'], ['solution', 'b']])
    expect(report.problems[0]!.message).toMatch(/fails after its solution: create namespace shop \(observed: Namespace\/shop not found\)/)
    expect(report.problems[1]!.message).toMatch(/solution step `kubectl get namespace nope` exited 1: Error from server \(NotFound\)/)
  })

  it('a later task that the earlier solutions already solve', async () => {
    const report = await runHonestyGate(lab([
      { id: 'a', title: 'a', instructions: 'x', checks: [nsExists('shop')], solution: 'kubectl create namespace shop; kubectl create namespace cart' },
      { id: 'b', title: 'b', instructions: 'x', checks: [nsExists('cart')], solution: 'true' },
    ]), {})
    expect(report.problems).toContainEqual({ stage: 'solution', taskId: 'b', message: 'already passes after only the tasks before it are solved (task 1)' })
  })

  it('an alternative solution that fails its task', async () => {
    const report = await runHonestyGate(lab([{ id: 'a', title: 'a', instructions: 'x', checks: [nsExists('shop')], solution: 'kubectl create namespace shop', alternatives: ['kubectl create namespace store'] }]), {})
    expect(report.problems).toEqual([{ stage: 'alternative', taskId: 'a', message: expect.stringMatching(/^alternative 1 fails: create namespace shop/) }])
  })
})
