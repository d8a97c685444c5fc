// kubectl rollout restart | undo | history | pause | resume for Deployments.
//
// Follows k8s.io/kubectl/pkg/polymorphichelpers: restart sets the pod template
// annotation kubectl.kubernetes.io/restartedAt (objectrestarter.go); undo copies
// an old ReplicaSet's template back (rollback.go: `no rollout history found for
// deployment "x"`, `unable to find specified revision N in history`, `skipped
// rollback (current template already matches revision N)`); history lists the
// ReplicaSets' deployment.kubernetes.io/revision with kubernetes.io/change-cause
// (history.go, tabwriter minwidth 0, tabwidth 8, padding 2), printed after
// `deployment.apps/x ` by the name printer with an empty operation.

import { rfc3339 } from '../../core/clock'
import { REVISION_ANNOTATION } from '../../cluster/controllers/deployment-controller'
import { withoutHash } from '../../cluster/controllers/pod-template-hash'
import { deepEqual } from '../../cluster/object-change'
import type { KubeObject } from '../../cluster/types'
import { kindPrefix } from '../printers'
import { KubectlError, type VerbContext } from './context'
import { flag } from './flags'
import { objectRef, parseResourceArgs } from './resource-args'

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt'
const CHANGE_CAUSE = 'kubernetes.io/change-cause'

type Loose = any

export const ROLLOUT_ACTIONS: Record<string, (ctx: VerbContext, d: KubeObject) => string> = {
  restart, undo, history, pause, resume,
}

/** kubectl's refusal for kinds other than Deployment (the sim has no DaemonSets/StatefulSets). */
const UNSUPPORTED: Record<string, (kind: string) => string> = {
  restart: () => 'restarting is not supported', pause: () => 'pausing is not supported', resume: () => 'resuming is not supported',
  undo: (k) => `no rollbacker has been implemented for "${k}"`, history: (k) => `no history viewer has been implemented for "${k}"`,
}

/**
 * Runs one action on each named Deployment. A bare type (`kubectl rollout restart
 * deployment`) means every Deployment in the namespace, or those -l selects: the
 * rollout subcommands build with ResourceTypeOrNameArgs(true, ...), so no name
 * selects all; none found prints nothing.
 */
export function runRolloutAction(ctx: VerbContext, sub: string, args: readonly string[]): number {
  const action = ROLLOUT_ACTIONS[sub]!
  const requests = parseResourceArgs(ctx.env, args)
  if (requests.length === 0) throw new KubectlError('required resource not specified')
  const selector = flag(ctx.flags, 'selector')
  if (selector !== undefined && args.some((a) => a.includes('/'))) throw new KubectlError('selectors and the all flag cannot be used when passing resource/name arguments')
  for (const { info, names } of requests) {
    if (info.kind !== 'Deployment') throw new KubectlError(UNSUPPORTED[sub]!(info.group ? `${info.kind}.${info.group}` : info.kind))
    if (names.length > 0 && selector !== undefined) throw new KubectlError('name cannot be provided when a selector is specified')
    const targets = names.length > 0
      ? names.map((name) => ctx.env.store.mustGet(objectRef(info, name, ctx.namespace)))
      : ctx.env.store.list({ kind: info.kind, apiVersion: 'apps/v1', namespace: ctx.namespace, labelSelector: selector })
    for (const d of targets) ctx.out(action(ctx, d))
  }
  return 0
}

function restart(ctx: VerbContext, d: KubeObject): string {
  if ((d.spec as Loose)?.paused) throw new KubectlError(`can't restart paused deployment (run rollout resume first)`)
  const next = ctx.env.store.mutate(ref(d), (draft) => {
    const template = (draft.spec as Loose).template ??= {}
    template.metadata ??= {}
    template.metadata.annotations = { ...template.metadata.annotations, [RESTARTED_AT]: rfc3339(ctx.env.clock.now()) }
  })
  return `${kindPrefix(next)}/${next.metadata.name} restarted\n`
}

function pause(ctx: VerbContext, d: KubeObject): string {
  if ((d.spec as Loose)?.paused) throw new KubectlError(`deployments.apps "${d.metadata.name}" is already paused`)
  ctx.env.store.mutate(ref(d), (draft) => { (draft.spec as Loose).paused = true })
  return `${kindPrefix(d)}/${d.metadata.name} paused\n`
}

function resume(ctx: VerbContext, d: KubeObject): string {
  if (!(d.spec as Loose)?.paused) throw new KubectlError(`deployments.apps "${d.metadata.name}" is not paused`)
  ctx.env.store.mutate(ref(d), (draft) => { delete (draft.spec as Loose).paused })
  return `${kindPrefix(d)}/${d.metadata.name} resumed\n`
}

/** The Deployment's ReplicaSets by revision number. */
function revisions(ctx: VerbContext, d: KubeObject): Map<number, KubeObject> {
  const out = new Map<number, KubeObject>()
  for (const rs of ctx.env.store.list({ kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace: d.metadata.namespace })) {
    if (!rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === d.metadata.uid)) continue
    const rev = Number(rs.metadata.annotations?.[REVISION_ANNOTATION])
    if (Number.isInteger(rev) && rev > 0) out.set(rev, rs)
  }
  return out
}

function undo(ctx: VerbContext, d: KubeObject): string {
  const raw = flag(ctx.flags, 'to-revision') ?? '0'
  const toRevision = Number(raw)
  if (!/^-?\d+$/.test(raw)) throw new KubectlError(`invalid argument "${raw}" for "--to-revision" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`)
  if (toRevision < 0) throw new KubectlError('revision must be a positive integer')
  if ((d.spec as Loose)?.paused) throw new KubectlError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`)
  const history = revisions(ctx, d)
  const target = toRevision > 0 ? history.get(toRevision) : previous(history)
  if (toRevision > 0 && !target) throw new KubectlError(`unable to find specified revision ${toRevision} in history`)
  if (!target) throw new KubectlError(`no rollout history found for deployment "${d.metadata.name}"`)
  const template = withoutHash((target.spec as Loose).template)
  if (deepEqual(template, withoutHash((d.spec as Loose).template))) {
    return `${kindPrefix(d)}/${d.metadata.name} skipped rollback (current template already matches revision ${revisionOf(target)})\n`
  }
  const next = ctx.env.store.mutate(ref(d), (draft) => { (draft.spec as Loose).template = template })
  return `${kindPrefix(next)}/${next.metadata.name} rolled back\n`
}

/** kubectl rolls back to the second-highest revision (the highest is the current one). */
function previous(history: Map<number, KubeObject>): KubeObject | undefined {
  const sorted = [...history.keys()].sort((a, b) => b - a)
  return sorted.length > 1 ? history.get(sorted[1]!) : undefined
}

function history(ctx: VerbContext, d: KubeObject): string {
  const raw = flag(ctx.flags, 'revision')
  const all = revisions(ctx, d)
  const name = `${kindPrefix(d)}/${d.metadata.name}`
  if (all.size === 0) return `${name} \nNo rollout history found.\n`
  if (raw !== undefined && raw !== '0') {
    const rs = all.get(Number(raw))
    if (!rs) throw new KubectlError(`unable to find the specified revision`)
    return `${name} with revision #${raw}\n${templateSummary(rs)}\n`
  }
  const rows = [['REVISION', 'CHANGE-CAUSE'], ...[...all.keys()].sort((a, b) => a - b).map((r) => [String(r), all.get(r)!.metadata.annotations?.[CHANGE_CAUSE] || '<none>'])]
  const width = Math.max(...rows.map((r) => r[0]!.length)) + 2
  return `${name} \n${rows.map(([rev, cause]) => rev!.padEnd(width) + cause).join('\n')}\n\n`
}

/** DescribePodTemplate's outline for `rollout history --revision=N`: labels, annotations, containers and images. */
function templateSummary(rs: KubeObject): string {
  const t = (rs.spec as Loose)?.template ?? {}
  const labels = Object.entries(t.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`)
  const annotations = Object.entries(t.metadata?.annotations ?? {}).map(([k, v]) => `${k}: ${v}`)
  const lines = ['Pod Template:', `  Labels:\t${labels[0] ?? '<none>'}`, ...labels.slice(1).map((l) => `\t${l}`)]
  if (annotations.length) lines.push(`  Annotations:\t${annotations[0]}`, ...annotations.slice(1).map((a) => `\t${a}`))
  lines.push('  Containers:')
  for (const c of t.spec?.containers ?? []) lines.push(`   ${c.name}:`, `    Image:\t${c.image}`)
  return alignTabs(lines)
}

function alignTabs(lines: string[]): string {
  const width = Math.max(...lines.filter((l) => l.includes('\t')).map((l) => l.indexOf('\t'))) + 2
  return lines.map((l) => (l.includes('\t') ? l.slice(0, l.indexOf('\t')).padEnd(width) + l.slice(l.indexOf('\t') + 1) : l)).join('\n') + '\n'
}

function revisionOf(rs: KubeObject): string {
  return rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '0'
}

function ref(d: KubeObject) {
  return { kind: d.kind, apiVersion: d.apiVersion, name: d.metadata.name, namespace: d.metadata.namespace }
}
