// resource checks: an object exists, is absent, or a JSONPath in it equals or matches a value.
import { JSONPath } from 'jsonpath-plus'
import type { KubeObject } from '../../drivers/cluster-driver'
import type { ResourceCheck } from '../check-schema'
import type { CheckContext, Verdict } from '../check-outcome'

export async function resourceVerdict(check: ResourceCheck, ctx: CheckContext): Promise<Verdict> {
  const objects = await find(check, ctx)
  const what = describe(check)
  if (check.expect === 'exists') return { passed: objects.length > 0, observed: objects.length ? `${what} exists` : `${what} not found` }
  if (check.expect === 'absent') return { passed: objects.length === 0, observed: objects.length ? `${what} still exists` : `${what} is absent` }
  if (!objects.length) return { passed: false, observed: `${what} not found` }
  const { jsonPath, equals, matches, of } = check.expect
  const values = objects.map((o) => valueAt(o, jsonPath))
  const fits = (v: unknown) => (equals === undefined || deepEqual(v, equals)) && (matches === undefined || new RegExp(matches).test(text(v)))
  const ok = of === 'some' ? values.some(fits) : values.every(fits)
  return { passed: ok, observed: `${jsonPath} is ${values.map(text).join(', ')}`, details: { values } }
}

async function find(check: ResourceCheck, ctx: CheckContext): Promise<KubeObject[]> {
  const r = check.resource
  if (r.name) {
    const obj = await ctx.driver.get({ kind: r.kind, name: r.name, namespace: r.namespace, apiVersion: r.apiVersion })
    return obj ? [obj] : []
  }
  return ctx.driver.list({ kind: r.kind, namespace: r.namespace, labelSelector: r.selector })
}

/** One match: the value itself; several: the array (as kubectl's jsonpath prints them all). */
function valueAt(obj: KubeObject, path: string): unknown {
  const found = JSONPath({ path, json: obj as object, wrap: true }) as unknown[]
  return found.length === 0 ? undefined : found.length === 1 ? found[0] : found
}

function describe(check: ResourceCheck): string {
  const r = check.resource
  const name = r.name ? `${r.kind}/${r.name}` : `${r.kind} matching ${r.selector ?? 'anything'}`
  return r.namespace ? `${name} in ${r.namespace}` : name
}

function text(v: unknown): string {
  return v === undefined ? '(nothing)' : typeof v === 'string' ? v : JSON.stringify(v)
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return String(a) === String(b)
  return JSON.stringify(a) === JSON.stringify(b)
}
