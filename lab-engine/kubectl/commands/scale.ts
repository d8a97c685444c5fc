// kubectl scale --replicas=N: sets spec.replicas on deployments and replica sets.
//
// Follows k8s.io/kubectl/pkg/cmd/scale/scale.go ("deployment.apps/web scaled";
// `error: required flag(s) "replicas" not set`).

import { kindPrefix } from '../printers'
import { KubectlError, type Verb } from './context'
import { flag } from './flags'
import { objectRef, parseResourceArgs } from './resource-args'

const SCALABLE = ['Deployment', 'ReplicaSet']

export const scaleVerb: Verb = {
  name: 'scale',
  flags: [{ name: 'replicas', value: true }, { name: 'current-replicas', value: true }, { name: 'selector', short: 'l', value: true }, { name: 'timeout', value: true }],
  run(ctx) {
    const raw = flag(ctx.flags, 'replicas')
    if (raw === undefined) throw new KubectlError('required flag(s) "replicas" not set')
    const replicas = Number(raw)
    if (!Number.isInteger(replicas) || replicas < 0) throw new KubectlError(`invalid argument "${raw}" for "--replicas" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`)
    for (const { info, names } of parseResourceArgs(ctx.env, ctx.flags.args)) {
      if (!SCALABLE.includes(info.kind)) throw new KubectlError(`cannot scale ${info.plural}`)
      if (names.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified')
      for (const name of names) {
        const next = ctx.env.store.mutate(objectRef(info, name, ctx.namespace), (d) => { (d.spec as { replicas?: number }).replicas = replicas })
        ctx.out(`${kindPrefix(next)}/${name} scaled\n`)
      }
    }
    return 0
  },
}
