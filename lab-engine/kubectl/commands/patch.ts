// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] (or -f FILE): update fields of a live object.
//
// Follows k8s.io/kubectl/pkg/cmd/patch/patch.go: `must specify -p to patch`,
// `--type must be one of [json merge strategic], not "x"`, the patch text goes
// through yaml.ToJSON (`unable to parse "...": ...`), output
// `deployment.apps/web patched` or `... patched (no change)`. Custom resources
// (Istio kinds) have no strategic merge on the server: the API server answers
// UnsupportedMediaType (kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch:
// "Strategic merge patch is not supported for custom resources").

import { parse as parseYaml } from 'yaml'
import type { KubeObject } from '../../cluster/types'
import { goJson, goYaml, kindPrefix } from '../printers'
import { KubectlError, type Verb, type VerbContext } from './context'
import { flag } from './flags'
import { jsonPatch } from './json-patch'
import { mergePatch, PatchError, strategicMergePatch } from './merge-patch'
import { PrintedError, printingErrors, updateObject } from './object-update'
import { readManifests } from './manifest-input'
import { objectRef, parseResourceArgs } from './resource-args'
import { kindFor } from '../../cluster/kinds'

const PATCH_TYPES = ['json', 'merge', 'strategic']
/** Longest -p text accepted; kubectl has no limit, the sim keeps patches small. */
export const MAX_PATCH_BYTES = 256 * 1024

const UNSUPPORTED_MEDIA = 'Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml'

export const patchVerb: Verb = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', value: true }, { name: 'type', value: true },
    { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'output', short: 'o', value: true },
  ],
  run(ctx) {
    const text = flag(ctx.flags, 'patch')
    if (!text) throw new KubectlError('must specify -p to patch')
    const type = (flag(ctx.flags, 'type') ?? 'strategic').toLowerCase()
    if (!PATCH_TYPES.includes(type)) throw new KubectlError(`--type must be one of [${PATCH_TYPES.join(' ')}], not "${flag(ctx.flags, 'type')}"`)
    if (text.length > MAX_PATCH_BYTES) throw new KubectlError(`unable to parse "${text.slice(0, 40)}...": patch is larger than ${MAX_PATCH_BYTES} bytes`)
    const output = flag(ctx.flags, 'output')
    if (output !== undefined && !['yaml', 'json', 'name'].includes(output)) throw new KubectlError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,yaml`)
    const body = parsePatchText(text)
    return printingErrors(ctx, () => {
      for (const ref of targets(ctx)) ctx.out(patchOne(ctx, ref, type, body) + '\n')
      return 0
    })
  },
}

/** yaml.ToJSON: JSON is YAML, so flow-style `{spec: {replicas: 2}}` works too. */
function parsePatchText(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    try {
      return parseYaml(text, { maxAliasCount: 0, logLevel: 'error' }) ?? null
    } catch {
      // Assumption: go-yaml's exact reason varies with the input; this is its most common one.
      throw new KubectlError(`unable to parse "${text}": yaml: did not find expected node content`)
    }
  }
}

function targets(ctx: VerbContext): ReturnType<typeof objectRef>[] {
  if (ctx.flags.values.has('filename')) {
    return readManifests(ctx).items.map(({ object }) => {
      const meta = (object.metadata ?? {}) as { name?: string; namespace?: string }
      const info = kindFor(String(object.apiVersion), String(object.kind))!
      return objectRef(info, meta.name ?? '', meta.namespace ?? ctx.namespace)
    })
  }
  const requests = parseResourceArgs(ctx.env, ctx.flags.args)
  if (requests.length === 0) throw new KubectlError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'')
  return requests.flatMap(({ info, names }) => {
    if (names.length === 0) throw new KubectlError(`resource(s) were provided, but no name was specified`)
    return names.map((n) => objectRef(info, n, ctx.namespace))
  })
}

function patchOne(ctx: VerbContext, ref: ReturnType<typeof objectRef>, type: string, body: unknown): string {
  const live = ctx.env.store.mustGet(ref)
  const info = kindFor(live.apiVersion, live.kind)
  if (type === 'strategic' && info?.istio) throw new PrintedError(UNSUPPORTED_MEDIA)
  const patched = applyPatch(live, type, body)
  if (typeof patched !== 'object' || patched === null || Array.isArray(patched)) {
    throw new PrintedError(`Error from server (BadRequest): json: cannot unmarshal ${Array.isArray(patched) ? 'array' : typeof patched} into Go value of type map[string]interface {}`)
  }
  const next = updateObject(ctx, live, patched as Record<string, unknown>)
  const output = flag(ctx.flags, 'output')
  if (output === 'yaml') return goYaml(next).replace(/\n$/, '')
  if (output === 'json') return goJson(next).replace(/\n$/, '')
  if (output === 'name') return `${kindPrefix(next)}/${next.metadata.name}`
  return `${kindPrefix(next)}/${next.metadata.name} patched${next === live ? ' (no change)' : ''}`
}

function applyPatch(live: KubeObject, type: string, body: unknown): unknown {
  const doc = structuredClone(live) as unknown
  try {
    if (type === 'json') return jsonPatch(doc, body)
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new PrintedError(`Error from server (BadRequest): json: cannot unmarshal ${Array.isArray(body) ? 'array' : body === null ? 'null' : typeof body} into Go value of type map[string]interface {}`)
    }
    return type === 'merge' ? mergePatch(doc, body) : strategicMergePatch(doc, body)
  } catch (e) {
    if (e instanceof PatchError) throw new PrintedError(`Error from server: ${e.message}`)
    throw e
  }
}
