// kubectl set env: sets, removes, imports (--from) and lists environment variables of pod templates.
//
// Follows k8s.io/kubectl/pkg/cmd/set/set_env.go and pkg/cmd/set/env/env_parse.go:
// resources come before KEY=VALUE / KEY- (SplitEnvironmentFromResources);
// --from=configmap/NAME or secret/NAME adds one valueFrom reference per data
// key (name upper-cased, invalid characters as `_`; keys in sorted order where
// Go's map order is random); -c selects containers (default `*`); --list prints
// `# Deployment web, container c` then NAME=value or `# NAME from configmap x, key k`
// and changes nothing; a changed object prints `deployment.apps/web env updated`.
// A Pod's env cannot change: the API server refuses as for any pod spec update.

import { kindFor } from '../../cluster/kinds'
import { cloneJson, deepEqual } from '../../cluster/object-change'
import type { KubeObject } from '../../cluster/types'
import { kindPrefix } from '../printers'
import { KubectlError, type VerbContext } from './context'
import { flag, flagAll } from './flags'
import { PrintedError } from './object-update'
import { objectRef, parseResourceArgs } from './resource-args'
import { containerMatches, noPodTemplate, patchTemplate, podSpecOf, printErrors, setTargets, type Container, type EnvVar } from './set-targets'

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/
const ENV_NAME_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
const POD_UPDATE_FORBIDDEN = 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)'

interface EnvChange { env: EnvVar[]; remove: string[] }

/** SplitEnvironmentFromResources: NAME=VALUE or NAME- start the environment arguments. */
function splitEnvironment(args: readonly string[]): { resources: string[]; envArgs: string[] } {
  const resources: string[] = []
  const envArgs: string[] = []
  for (const a of args) {
    const isEnv = /^.+=/s.test(a) || a.endsWith('-')
    if (isEnv) envArgs.push(a)
    else if (envArgs.length) throw new KubectlError(`all resources must be specified before environment changes: ${args.join(' ')}`)
    else resources.push(a)
  }
  return { resources, envArgs }
}

/** ParseEnv: NAME=VALUE sets, NAME- removes; setting and removing one name is an error. */
function parseEnv(specs: readonly string[]): EnvChange {
  const env: EnvVar[] = []
  const remove: string[] = []
  for (const spec of specs) {
    if (spec.includes('=')) {
      const name = spec.slice(0, spec.indexOf('='))
      if (!ENV_NAME.test(name)) throw new KubectlError(`${JSON.stringify(name)} is not a valid key name: ${ENV_NAME_MSG}`)
      env.push({ name, value: spec.slice(spec.indexOf('=') + 1) })
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1))
    } else {
      throw new KubectlError(`unknown environment variable: ${spec}`)
    }
  }
  if (remove.some((r) => env.some((e) => e.name === r))) throw new KubectlError('can not both modify and remove the same environment variable in the same command')
  return { env, remove }
}

/** --from: one reference per data key of a ConfigMap or Secret (restricted by --keys). */
function fromResource(ctx: VerbContext, from: string, keys: readonly string[]): EnvVar[] {
  const out: EnvVar[] = []
  for (const { info, names } of parseResourceArgs(ctx.env, [from])) {
    if (names.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified')
    for (const name of names) {
      const obj = ctx.env.store.mustGet(objectRef(info, name, ctx.namespace))
      const refKind = obj.kind === 'Secret' ? 'secretKeyRef' : obj.kind === 'ConfigMap' ? 'configMapKeyRef' : undefined
      if (!refKind) throw new KubectlError('unsupported resource specified in --from')
      const data = Object.keys((obj.data ?? {}) as Record<string, string>).sort()
      for (const key of data.filter((k) => keys.length === 0 || keys.includes(k))) {
        out.push({ name: key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase(), valueFrom: { [refKind]: { name, key } } })
      }
    }
  }
  return out
}

/** updateEnv: replaced variables keep their place, removed ones go, new ones are appended. */
export function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: readonly string[]): EnvVar[] {
  const covered = new Set(remove)
  const out: EnvVar[] = []
  for (const e of existing) {
    if (covered.has(e.name)) continue
    const newer = env.find((n) => n.name === e.name)
    if (newer) covered.add(e.name)
    out.push(newer ?? e)
  }
  for (const e of env) {
    if (covered.has(e.name)) continue
    covered.add(e.name)
    out.push(e)
  }
  return out
}

/** envutil.GetEnvVarRefString. */
function refString(from: EnvVar['valueFrom']): string {
  const cm = from?.configMapKeyRef
  if (cm) return `configmap ${cm.name}, key ${cm.key}`
  const secret = from?.secretKeyRef
  if (secret) return `secret ${secret.name}, key ${secret.key}`
  if (from?.fieldRef) return `field path ${from.fieldRef.fieldPath}`
  const res = from?.resourceFieldRef
  if (res) return `resource field ${res.containerName ? `${res.containerName}/` : ''}${res.resource}`
  return 'invalid valueFrom'
}

function listing(obj: KubeObject, c: Container): string {
  const lines = [`# ${obj.kind} ${obj.metadata.name}, container ${c.name}`]
  for (const e of c.env ?? []) lines.push(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}` : `${e.name}=${e.value ?? ''}`)
  return lines.join('\n') + '\n'
}

export function runSetEnv(ctx: VerbContext, args: readonly string[]): number {
  const { resources, envArgs } = splitEnvironment(args)
  const keys = flagAll(ctx.flags, 'keys').flatMap((k) => k.split(',')).filter(Boolean)
  const from = flag(ctx.flags, 'from')
  if (resources.length < 1) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>')
  if (keys.length > 0 && !from) throw new KubectlError('when specifying --keys, a configmap or secret must be provided with --from')
  const change = parseEnv([...flagAll(ctx.flags, 'env'), ...envArgs])
  if (from) change.env.push(...fromResource(ctx, from, keys))
  const prefix = flag(ctx.flags, 'prefix') ?? ''
  change.env = change.env.map((e) => ({ ...e, name: prefix + e.name }))
  const errors: string[] = []
  for (const live of setTargets(ctx, resources)) {
    try {
      ctx.out(setEnv(ctx, live, change, errors))
    } catch (e) {
      if (!(e instanceof PrintedError)) throw e
      errors.push(e.message)
    }
  }
  return printErrors(ctx, errors)
}

/** Updates (or with --list, prints) one object; returns the line to print. */
function setEnv(ctx: VerbContext, live: KubeObject, change: EnvChange, errors: string[]): string {
  const list = flag(ctx.flags, 'list') === 'true'
  const plural = kindFor(live.apiVersion, live.kind)?.plural ?? live.kind.toLowerCase()
  const draft = cloneJson(live) as KubeObject
  const spec = podSpecOf(draft)
  if (!spec) {
    errors.push(noPodTemplate(live, plural))
    return ''
  }
  const pattern = flag(ctx.flags, 'containers') ?? '*'
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) => containerMatches(c.name, pattern))
  if (containers.length === 0) {
    ctx.err(`warning: ${live.kind}/${live.metadata.name} does not have any containers matching ${JSON.stringify(pattern)}\n`)
    return ''
  }
  let out = ''
  for (const c of containers) {
    if (flag(ctx.flags, 'overwrite') === 'false') {
      const clash = change.env.map((e) => [c.env?.find((x) => x.name === e.name), e] as const).find(([cur, e]) => cur && cur.value !== e.value)
      if (clash) throw new PrintedError(`error: ${plural}/${live.metadata.name} '${clash[0]!.name}' already has a value (${clash[0]!.value ?? ''}), and --overwrite is false\n`)
    }
    const env = updateEnv(c.env ?? [], change.env, change.remove)
    if (env.length) c.env = env
    else delete c.env
    if (list) out += listing(live, c)
  }
  if (list || deepEqual(draft, live)) return out
  if (live.kind === 'Pod') throw new PrintedError(`error: failed to patch env update to pod template: Pod ${JSON.stringify(live.metadata.name)} is invalid: ${POD_UPDATE_FORBIDDEN}`)
  const next = patchTemplate(ctx, live, draft, 'env')
  return `${kindPrefix(next)}/${next.metadata.name} env updated\n`
}
