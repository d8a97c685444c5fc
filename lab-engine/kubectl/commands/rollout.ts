// kubectl rollout status: waits on the session clock until a Deployment's updated replicas are available.
//
// Messages follow k8s.io/kubectl/pkg/polymorphichelpers/rollout_status.go
// (DeploymentStatusViewer); a line is printed whenever the status text changes.

import type { KubeObject } from '../../cluster/types'
import { KubectlError, type Verb, type VerbContext } from './context'
import { flag } from './flags'
import { objectRef, parseResourceArgs } from './resource-args'
import { waitFor } from './wait-for'
import { ROLLOUT_ACTIONS, runRolloutAction } from './rollout-actions'

interface DeployStatus { observedGeneration?: number; replicas?: number; updatedReplicas?: number; availableReplicas?: number; conditions?: { type: string; reason?: string }[] }

export function deploymentStatus(d: KubeObject): { message: string; done: boolean } {
  const s = (d.status ?? {}) as DeployStatus
  const name = d.metadata.name
  const want = (d.spec as { replicas?: number } | undefined)?.replicas ?? 1
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false }
  const updated = s.updatedReplicas ?? 0
  if (updated < want) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false }
  const total = s.replicas ?? 0
  if (total > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...`, done: false }
  const available = s.availableReplicas ?? 0
  if (available < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...`, done: false }
  return { message: `deployment "${name}" successfully rolled out`, done: true }
}

export const rolloutVerb: Verb = {
  name: 'rollout',
  flags: [{ name: 'timeout', value: true }, { name: 'watch', short: 'w', value: true }, { name: 'revision', value: true }, { name: 'to-revision', value: true }, { name: 'selector', short: 'l', value: true }],
  async run(ctx) {
    const [sub, ...args] = ctx.flags.args
    if (sub && Object.hasOwn(ROLLOUT_ACTIONS, sub)) return runRolloutAction(ctx, sub, args)
    if (sub !== 'status') throw new KubectlError(sub ? `unknown command "${sub}" for "kubectl rollout"` : 'Required resource not specified.')
    const requests = parseResourceArgs(ctx.env, args)
    if (requests.length !== 1 || requests[0]!.names.length !== 1) throw new KubectlError('rollout status requires exactly one resource')
    const { info, names } = requests[0]!
    if (info.kind !== 'Deployment') throw new KubectlError(`no status viewer has been implemented for ${info.kind}`)
    return status(ctx, objectRef(info, names[0]!, ctx.namespace))
  },
}

async function status(ctx: VerbContext, ref: ReturnType<typeof objectRef>): Promise<number> {
  ctx.env.store.mustGet(ref)
  let last = ''
  const check = () => {
    const { message, done } = deploymentStatus(ctx.env.store.mustGet(ref))
    if (message !== last) ctx.out(message + '\n')
    last = message
    return done
  }
  const timeout = parseDuration(flag(ctx.flags, 'timeout'))
  if (!(await waitFor(ctx, check, timeout))) throw new KubectlError('timed out waiting for the condition')
  return 0
}

function parseDuration(text: string | undefined): number | undefined {
  if (!text || text === '0' || text === '0s') return undefined
  const m = /^(\d+)(ms|s|m|h)?$/.exec(text)
  if (!m) throw new KubectlError(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`)
  return Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000)
}
