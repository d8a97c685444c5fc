// kubectl run (one Pod, labelled run=NAME) and kubectl expose (a Service selecting a workload's pods).
//
// Follows k8s.io/kubectl/pkg/cmd/run/run.go ("pod/nginx created") and
// k8s.io/kubectl/pkg/cmd/expose/expose.go (selector from the deployment's
// matchLabels or the pod's labels; port from --port or the first container port;
// "service/web exposed").

import type { KubeObject, ObjectInput } from '../../cluster/types'
import { kindPrefix } from '../printers'
import { KubectlError, type Verb } from './context'
import { flag, flagAll } from './flags'
import { objectRef, parseResourceArgs } from './resource-args'
import { withServerDefaults } from './server-defaults'

export const runVerb: Verb = {
  name: 'run',
  flags: [
    { name: 'image', value: true }, { name: 'port', value: true }, { name: 'labels', short: 'l', value: true },
    { name: 'restart', value: true }, { name: 'env', value: true, repeat: true }, { name: 'command' },
    { name: 'stdin', short: 'i' }, { name: 'tty', short: 't' }, { name: 'rm' }, { name: 'image-pull-policy', value: true },
  ],
  run(ctx) {
    const [name, ...extra] = ctx.flags.args
    if (!name) throw new KubectlError('NAME is required for run')
    const image = flag(ctx.flags, 'image')
    if (!image) throw new KubectlError('required flag(s) "image" not set')
    const labels = parseLabels(flag(ctx.flags, 'labels')) ?? { run: name }
    const port = flag(ctx.flags, 'port')
    const env = flagAll(ctx.flags, 'env').map((e) => ({ name: e.split('=')[0]!, value: e.slice(e.indexOf('=') + 1) }))
    const args = [...extra, ...(ctx.flags.dashArgs ?? [])]
    const container = {
      name, image, ...(args.length ? { args } : {}), ...(env.length ? { env } : {}),
      ...(port ? { ports: [{ containerPort: Number(port) }] } : {}),
    }
    const pod: ObjectInput = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ctx.namespace, labels },
      spec: { containers: [container], restartPolicy: flag(ctx.flags, 'restart') ?? 'Always' },
    }
    const created = ctx.env.store.create(withServerDefaults(pod))
    ctx.out(`${kindPrefix(created)}/${name} created\n`)
    return 0
  },
}

function parseLabels(text: string | undefined): Record<string, string> | undefined {
  if (!text) return undefined
  return Object.fromEntries(text.split(',').map((kv) => {
    const eq = kv.indexOf('=')
    if (eq <= 0) throw new KubectlError(`invalid label spec: ${kv}`)
    return [kv.slice(0, eq), kv.slice(eq + 1)]
  }))
}

export const exposeVerb: Verb = {
  name: 'expose',
  flags: [
    { name: 'port', value: true }, { name: 'target-port', value: true }, { name: 'type', value: true },
    { name: 'name', value: true }, { name: 'protocol', value: true }, { name: 'selector', value: true },
  ],
  run(ctx) {
    const requests = parseResourceArgs(ctx.env, ctx.flags.args)
    if (requests.length !== 1 || requests[0]!.names.length !== 1) throw new KubectlError('You must provide one or more resources by argument or filename.')
    const { info, names } = requests[0]!
    const source = ctx.env.store.mustGet(objectRef(info, names[0]!, ctx.namespace))
    const selector = flag(ctx.flags, 'selector') ? parseLabels(flag(ctx.flags, 'selector')) : selectorOf(source)
    if (!selector) throw new KubectlError(`cannot expose a ${info.kind}`)
    const port = flag(ctx.flags, 'port') ?? firstContainerPort(source)
    if (!port) throw new KubectlError("couldn't find port via --port flag or introspection")
    const target = flag(ctx.flags, 'target-port')
    const name = flag(ctx.flags, 'name') ?? source.metadata.name
    const svc: ObjectInput = {
      apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ctx.namespace, ...(source.metadata.labels ? { labels: source.metadata.labels } : {}) },
      spec: {
        ports: [{ port: Number(port), protocol: flag(ctx.flags, 'protocol') ?? 'TCP', targetPort: target === undefined ? Number(port) : /^\d+$/.test(target) ? Number(target) : target }],
        selector, type: flag(ctx.flags, 'type') ?? 'ClusterIP',
      },
    }
    const created = ctx.env.store.create(svc)
    ctx.out(`${kindPrefix(created)}/${name} exposed\n`)
    return 0
  },
}

function selectorOf(o: KubeObject): Record<string, string> | undefined {
  if (o.kind === 'Pod' || o.kind === 'Service') return o.kind === 'Pod' ? o.metadata.labels : (o.spec as { selector?: Record<string, string> })?.selector
  return (o.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels
}

function firstContainerPort(o: KubeObject): string | undefined {
  const spec = (o.kind === 'Pod' ? o.spec : (o.spec as { template?: { spec?: unknown } })?.template?.spec) as { containers?: { ports?: { containerPort?: number }[] }[] } | undefined
  const p = spec?.containers?.flatMap((c) => c.ports ?? [])[0]?.containerPort
  return p === undefined ? undefined : String(p)
}
