// kubectl create: `-f` (create only, AlreadyExists when present) and the generators namespace, deployment, configmap, serviceaccount.
//
// Generated objects follow k8s.io/kubectl/pkg/cmd/create (create_deployment.go:
// labels app=<name>, container named after the image; create_configmap.go
// --from-literal; output "<kind.group>/<name> created").

import type { ObjectInput } from '../../cluster/types'
import { kindPrefix } from '../printers'
import { eachManifest } from './apply'
import { KubectlError, type Verb, type VerbContext } from './context'
import { flag, flagAll } from './flags'
import { withServerDefaults } from './server-defaults'
import { dryRunMode, dryRunOutput } from './create-dry-run'
import { SECRET_FLAGS, SECRET_GENERATORS, SECRET_HELP } from './create-secret'

const SUBCOMMANDS: Record<string, (ctx: VerbContext, name: string) => ObjectInput> = {
  namespace: (_ctx, name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }),
  deployment: deployment,
  configmap: configMap,
  serviceaccount: (ctx, name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ctx.namespace } }),
}
const ALIASES: Record<string, string> = { ns: 'namespace', deploy: 'deployment', cm: 'configmap', sa: 'serviceaccount' }

export const createVerb: Verb = {
  name: 'create',
  flags: [
    { name: 'filename', short: 'f', value: true, repeat: true }, { name: 'image', value: true, repeat: true },
    { name: 'replicas', short: 'r', value: true }, { name: 'port', value: true }, { name: 'from-literal', value: true, repeat: true },
    { name: 'save-config' }, { name: 'output', short: 'o', value: true }, { name: 'dry-run', value: true }, ...SECRET_FLAGS,
  ],
  run(ctx) {
    const [sub, ...rest] = ctx.flags.args
    if (sub === undefined) return eachManifest(ctx, (c, obj) => (dryRunMode(c) === 'none' ? created(c, obj) : dryRunOutput(c, obj).replace(/\n$/, '')), 'creating')
    if (sub === 'secret' && rest.length === 0) { ctx.out(SECRET_HELP); return 0 }
    // `create secret TYPE NAME`: one more word picks the secret generator.
    const [kind, make, [name, ...extra]] = sub === 'secret' ? secretGenerator(rest) : [ALIASES[sub] ?? sub, Object.hasOwn(SUBCOMMANDS, ALIASES[sub] ?? sub) ? SUBCOMMANDS[ALIASES[sub] ?? sub] : undefined, rest]
    if (!make) throw new KubectlError(`unknown command "${sub}" for "kubectl create"`)
    if (!name || extra.length > 0) throw new KubectlError(`exactly one NAME is required, got ${name ? 1 + extra.length : 0}\nSee 'kubectl create ${kind} -h' for help and examples`)
    const obj = make(ctx, name)
    ctx.out(dryRunMode(ctx) === 'none' ? created(ctx, obj) + '\n' : dryRunOutput(ctx, obj))
    return 0
  },
}

function secretGenerator(rest: string[]): [string, ((ctx: VerbContext, name: string) => ObjectInput) | undefined, string[]] {
  const [type = '', ...names] = rest
  const make = Object.hasOwn(SECRET_GENERATORS, type) ? SECRET_GENERATORS[type] : undefined
  if (!make) throw new KubectlError(`unknown command "${type}" for "kubectl create secret"`)
  return [`secret ${type}`, make, names]
}

function created(ctx: VerbContext, obj: ObjectInput): string {
  const o = ctx.env.store.create(withServerDefaults(obj))
  return `${kindPrefix(o)}/${o.metadata.name} created`
}

/** Container name kubectl derives from an image: last path segment, tag and digest dropped. */
export function containerNameFor(image: string): string {
  const last = image.split('/').pop() ?? image
  return last.split('@')[0]!.split(':')[0]!.replace(/[^a-z0-9-]/g, '-')
}

function deployment(ctx: VerbContext, name: string): ObjectInput {
  const images = flagAll(ctx.flags, 'image')
  if (images.length === 0) throw new KubectlError('required flag(s) "image" not set')
  const replicas = Number(flag(ctx.flags, 'replicas') ?? '1')
  const port = flag(ctx.flags, 'port')
  const labels = { app: name }
  const containers = images.map((image) => ({ name: containerNameFor(image), image, ...(port ? { ports: [{ containerPort: Number(port) }] } : {}) }))
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ctx.namespace, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
  }
}

function configMap(ctx: VerbContext, name: string): ObjectInput {
  const data: Record<string, string> = {}
  for (const lit of flagAll(ctx.flags, 'from-literal')) {
    const eq = lit.indexOf('=')
    if (eq <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`)
    data[lit.slice(0, eq)] = lit.slice(eq + 1)
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ctx.namespace }, ...(Object.keys(data).length ? { data } : {}) }
}
