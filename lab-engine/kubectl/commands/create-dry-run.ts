// `kubectl create ... --dry-run=client [-o yaml|json|name]`: print the generated object instead of creating it.
//
// Follows kubectl v1.33 (cmdutil.GetDryRunStrategy: `Invalid dry-run value (x).
// Must be "none", "server", or "client".`; the name printer's `(dry run)`
// suffix). The object prints as the Go structs serialize in 1.33: an unset
// creationTimestamp as `null`, empty structs (`strategy`, `resources`,
// `status`) as `{}`, and no namespace unless -n was given (the generators only
// set it when the namespace is enforced).

import type { ObjectInput } from '../../cluster/types'
import { goJson, goYaml, kindPrefix } from '../printers'
import { KubectlError, type VerbContext } from './context'
import { flag } from './flags'

export type DryRun = 'none' | 'client' | 'server'

export function dryRunMode(ctx: VerbContext): DryRun {
  const v = flag(ctx.flags, 'dry-run')
  if (v === undefined || v === 'none' || v === 'false') return 'none'
  if (v === 'client' || v === 'true') return 'client'
  if (v === 'server') return 'server'
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`)
}

/** The text `create --dry-run` prints for obj under -o. */
export function dryRunOutput(ctx: VerbContext, obj: ObjectInput): string {
  const output = flag(ctx.flags, 'output')
  const shaped = asGoStruct(ctx, obj)
  if (output === 'yaml') return goYaml(shaped)
  if (output === 'json') return goJson(shaped)
  const line = `${kindPrefix(obj)}/${obj.metadata?.name ?? ''}`
  if (output === 'name') return line + '\n'
  if (output) throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`)
  return `${line} created (${dryRunMode(ctx) === 'server' ? 'server dry run' : 'dry run'})\n`
}

type Loose = any

function asGoStruct(ctx: VerbContext, obj: ObjectInput): unknown {
  const o: Loose = structuredClone(obj)
  o.metadata = { ...o.metadata, creationTimestamp: null }
  if (!ctx.namespaceSet) delete o.metadata.namespace
  if (o.kind === 'Deployment') {
    o.spec.strategy ??= {}
    o.spec.template.metadata = { creationTimestamp: null, ...o.spec.template.metadata }
    for (const c of o.spec.template.spec.containers ?? []) c.resources ??= {}
    o.status ??= {}
  }
  if (o.kind === 'Namespace') { delete o.metadata.labels; o.spec = {}; o.status = {} }
  if (o.kind === 'Service') o.status ??= { loadBalancer: {} }
  return o
}
