// kubectl label / annotate: set `key=value`, remove `key-`, refuse to overwrite without --overwrite.
//
// Follows k8s.io/kubectl/pkg/cmd/label/label.go and annotate/annotate.go:
// "pod/web labeled", "not labeled" when nothing changes, and
// `error: 'app' already has a value (web), and --overwrite is false`.

import type { KubeObject } from '../../cluster/types'
import { kindPrefix } from '../printers'
import { KubectlError, type Verb, type VerbContext } from './context'
import { bool, flag } from './flags'
import { objectRef, parseResourceArgs } from './resource-args'

type Field = 'labels' | 'annotations'

function metaVerb(name: string, field: Field, done: string, undone: string): Verb {
  return {
    name,
    flags: [{ name: 'overwrite' }, { name: 'selector', short: 'l', value: true }, { name: 'all' }, { name: 'list' }, { name: 'output', short: 'o', value: true }],
    run: (ctx) => runMeta(ctx, field, done, undone),
  }
}

export const labelVerb = metaVerb('label', 'labels', 'labeled', 'unlabeled')
export const annotateVerb = metaVerb('annotate', 'annotations', 'annotated', 'unannotated')

function isChange(a: string): boolean {
  return a.includes('=') || (a.endsWith('-') && a.length > 1)
}

function runMeta(ctx: VerbContext, field: Field, done: string, undone: string): number {
  const split = ctx.flags.args.findIndex(isChange)
  const resourceArgs = split < 0 ? ctx.flags.args : ctx.flags.args.slice(0, split)
  const changes = split < 0 ? [] : ctx.flags.args.slice(split)
  if (changes.length === 0) throw new KubectlError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`)
  const targets = findTargets(ctx, resourceArgs)
  for (const obj of targets) {
    const before = obj.metadata[field] ?? {}
    const after = applyChanges(before, changes, bool(ctx.flags, 'overwrite'))
    const next = ctx.env.store.mutate(refOf(obj), (d) => { d.metadata[field] = after; if (!Object.keys(after).length) delete d.metadata[field] })
    const onlyRemovals = changes.every((c) => !c.includes('='))
    ctx.out(`${kindPrefix(next)}/${next.metadata.name} ${next === obj ? `not ${done}` : onlyRemovals ? undone : done}\n`)
  }
  return 0
}

function findTargets(ctx: VerbContext, args: string[]): KubeObject[] {
  if (args.length === 0) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>')
  const selector = flag(ctx.flags, 'selector')
  return parseResourceArgs(ctx.env, args).flatMap(({ info, names }) => {
    if (names.length === 0) {
      if (selector === undefined && !bool(ctx.flags, 'all')) throw new KubectlError('resource(s) were provided, but no name was specified')
      return ctx.env.store.list({ kind: info.kind, apiVersion: objectRef(info, '', '').apiVersion, namespace: info.namespaced ? ctx.namespace : undefined, labelSelector: selector })
    }
    return names.map((n) => ctx.env.store.mustGet(objectRef(info, n, ctx.namespace)))
  })
}

function applyChanges(before: Record<string, string>, changes: string[], overwrite: boolean): Record<string, string> {
  const out = { ...before }
  for (const c of changes) {
    const eq = c.indexOf('=')
    if (eq < 0) { delete out[c.slice(0, -1)]; continue }
    const [k, v] = [c.slice(0, eq), c.slice(eq + 1)]
    if (!overwrite && k in before && before[k] !== v) throw new KubectlError(`'${k}' already has a value (${before[k]}), and --overwrite is false`)
    out[k] = v
  }
  return out
}

function refOf(o: KubeObject) {
  return { kind: o.kind, apiVersion: o.apiVersion, name: o.metadata.name, namespace: o.metadata.namespace }
}
