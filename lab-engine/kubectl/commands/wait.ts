// kubectl wait --for=condition=X | delete | jsonpath='{...}'=V on named objects, a selector or --all.
//
// Follows k8s.io/kubectl/pkg/cmd/wait/wait.go: each object prints
// `pod/x condition met` when its condition holds; the default --timeout is 30s;
// on timeout `error: timed out waiting for the condition on pods/x`; a selector
// that matches nothing is `error: no matching resources found`; condition names
// and values compare case-insensitively and the value defaults to "True".
// Waiting advances the session clock through waitFor (virtual time jumps to the
// next controller timer), as rollout status does.
// --for=create (kubectl 1.31+) waits until named objects exist.
// Assumption: with no --for at all the sim answers `error: --for must be specified`.

import { resourceName } from '../../cluster/api-error'
import { kindFor } from '../../cluster/kinds'
import type { KubeObject } from '../../cluster/types'
import { kindPrefix, printJsonPath } from '../printers'
import { KubectlError, type Verb, type VerbContext } from './context'
import { bool, flag } from './flags'
import { listNamespace, objectRef, parseResourceArgs } from './resource-args'
import { MAX_WAIT_MS, waitFor } from './wait-for'

const DEFAULT_TIMEOUT_MS = 30_000

type Check = (obj: KubeObject | undefined) => boolean

export const waitVerb: Verb = {
  name: 'wait',
  flags: [
    { name: 'for', value: true }, { name: 'timeout', value: true }, { name: 'selector', short: 'l', value: true },
    { name: 'all' }, { name: 'all-namespaces', short: 'A' }, { name: 'filename', short: 'f', value: true, repeat: true },
  ],
  async run(ctx) {
    const forText = flag(ctx.flags, 'for')
    if (!forText) throw new KubectlError('--for must be specified')
    const check = conditionFor(forText)
    const timeout = parseTimeout(flag(ctx.flags, 'timeout'))
    const forDelete = forText.toLowerCase() === 'delete'
    const forCreate = forText.toLowerCase() === 'create'
    const targets = forCreate ? namedRefs(ctx) : collectTargets(ctx, forDelete)
    if (targets.length === 0 && forDelete && ctx.flags.args.length > 0 && flag(ctx.flags, 'selector') === undefined && !bool(ctx.flags, 'all')) return 0
    if (targets.length === 0) throw new KubectlError('no matching resources found')
    const deadline = ctx.env.clock.now() + timeout
    for (const t of targets) {
      const ref = { kind: t.kind, apiVersion: t.apiVersion, name: t.metadata.name, namespace: t.metadata.namespace }
      const current = () => {
        const o = ctx.env.store.get(ref)
        // A target known by uid must be that very object; one awaited by --for=create is any object of that name.
        return o && (!t.metadata.uid || o.metadata.uid === t.metadata.uid) ? o : undefined
      }
      const met = await waitFor(ctx, () => check(current()), Math.max(0, deadline - ctx.env.clock.now()))
      const info = kindFor(t.apiVersion, t.kind)!
      if (!met) throw new KubectlError(`timed out waiting for the condition on ${resourceName(info)}/${t.metadata.name}`)
      ctx.out(`${kindPrefix(t)}/${t.metadata.name} condition met\n`)
    }
    return 0
  },
}

/** The objects to wait on, as they are now; named objects that do not exist are NotFound (except when waiting for deletion). */
function collectTargets(ctx: VerbContext, forDelete: boolean): KubeObject[] {
  const requests = parseResourceArgs(ctx.env, ctx.flags.args)
  if (requests.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified')
  const selector = flag(ctx.flags, 'selector')
  const all = bool(ctx.flags, 'all-namespaces')
  return requests.flatMap(({ info, names }) => {
    // Already gone counts as deleted (wait.go ignores NotFound for --for=delete).
    if (names.length > 0 && forDelete) return names.flatMap((n) => ctx.env.store.get(objectRef(info, n, ctx.namespace)) ?? [])
    if (names.length > 0) return names.map((n) => ctx.env.store.mustGet(objectRef(info, n, ctx.namespace)))
    if (selector === undefined && !bool(ctx.flags, 'all') && !all) throw new KubectlError('resource(s) were provided, but no name was specified')
    return ctx.env.store.list({ kind: info.kind, apiVersion: objectRef(info, '', '').apiVersion, namespace: listNamespace(info, ctx.namespace, all), labelSelector: selector })
  })
}

/** --for=create waits on names that may not exist yet: stand-ins carrying only kind and name. */
function namedRefs(ctx: VerbContext): KubeObject[] {
  return parseResourceArgs(ctx.env, ctx.flags.args).flatMap(({ info, names }) => {
    if (names.length === 0) throw new KubectlError('--for=create requires a resource name')
    return names.map((n) => {
      const ref = objectRef(info, n, ctx.namespace)
      return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: n, namespace: ref.namespace } } as unknown as KubeObject
    })
  })
}

/** --for=create | delete | condition=Name[=value] | jsonpath={expr}[=value]. */
export function conditionFor(text: string): Check {
  const lower = text.toLowerCase()
  if (lower === 'delete') return (o) => o === undefined
  if (lower === 'create') return (o) => o !== undefined
  if (lower.startsWith('condition=')) {
    const [name, value = 'true'] = splitOnce(text.slice('condition='.length))
    if (!name) throw new KubectlError(`unrecognized condition: "${text}"`)
    return (o) => conditions(o).some((c) => c.type.toLowerCase() === name.toLowerCase() && String(c.status).toLowerCase() === value.toLowerCase())
  }
  if (lower.startsWith('jsonpath=')) return jsonPathCheck(text.slice('jsonpath='.length))
  throw new KubectlError(`unrecognized condition: "${text}"`)
}

function splitOnce(s: string): [string, string?] {
  const eq = s.indexOf('=')
  return eq < 0 ? [s] : [s.slice(0, eq), s.slice(eq + 1)]
}

function conditions(o: KubeObject | undefined): { type: string; status: string }[] {
  const list = (o?.status as { conditions?: unknown } | undefined)?.conditions
  return Array.isArray(list) ? list.filter((c) => c && typeof c.type === 'string') : []
}

/** `{.status.phase}=Running`: the expression's text must equal the value; without a value, the field must exist. */
function jsonPathCheck(text: string): Check {
  const m = /^(\{.*\})(?:=(.*))?$/s.exec(text)
  if (!m) throw new KubectlError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`)
  const [, expr, value] = m
  const probe = printJsonPath(expr!, {})
  if (probe.stderr.startsWith('error: error parsing')) throw new KubectlError(probe.stderr.replace(/^error: /, '').trim())
  return (o) => {
    if (!o) return false
    const r = printJsonPath(expr!, o)
    if (r.exitCode !== 0) return false
    return value === undefined ? r.stdout !== '' : r.stdout === value
  }
}

/** Go durations as kubectl's --timeout takes them (`30s`, `2m`, `1m30s`); negative waits as long as the sim allows. */
export function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_MS
  if (/^-/.test(text)) return MAX_WAIT_MS
  if (text === '0') return 0
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new KubectlError(`invalid argument "${text}" for "--timeout" flag: time: ${/^\d+$/.test(text) ? `missing unit in duration "${text}"` : `invalid duration "${text}"`}`)
  }
  return Math.min(MAX_WAIT_MS, parts.reduce((ms, p) => ms + Number(p[1]) * units[p[2]!]!, 0))
}
