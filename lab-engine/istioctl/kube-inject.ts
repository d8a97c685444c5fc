// istioctl kube-inject -f file|-: prints the manifest with the sidecar added to every pod template, `---` separated.
//
// istio.io/latest/docs/setup/additional-setup/sidecar-injection/#manual-sidecar-injection:
// `istioctl kube-inject -f samples/sleep/sleep.yaml | kubectl apply -f -`. Injection is
// unconditional (namespace labels do not matter) except for templates annotated or
// labelled `sidecar.istio.io/inject: "false"`; kinds without a pod template pass through.
// Output is Go-marshalled: metadata gains `creationTimestamp: null` and workloads `status: {}`.
// Without Istio the mesh ConfigMap cannot be read and istioctl says so (message from
// istioctl's kubeinject.go, as quoted in istio/istio#5994).

import { goYaml } from '../kubectl/printers/go-yaml'
import { injectTemplate, STATUS_ANNOTATION, workloadNameOf } from '../istio/sidecar-template'
import { injectorInstalled } from '../istio/sidecar-injector'
import { ISTIO_NAMESPACE } from '../istio/version'
import { flag } from '../kubectl/commands/flags'
import { IstioctlError, type Subcommand } from './context'
import { readObjects } from './file-input'

type Obj = Record<string, unknown>
type Meta = { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string> }

const TEMPLATE_KINDS = ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']

export const kubeInjectCommand: Subcommand = {
  path: ['kube-inject'],
  short: 'Inject Istio sidecar into Kubernetes pod resources',
  flags: [{ name: 'filename', short: 'f', value: true }, { name: 'output', short: 'o', value: true }, { name: 'revision', short: 'r', value: true },
    { name: 'meshConfigFile', value: true }, { name: 'injectConfigFile', value: true }, { name: 'valuesFile', value: true }],
  run(ctx) {
    const file = flag(ctx.flags, 'filename')
    if (!file) throw new IstioctlError('filename not specified (see --filename or -f)')
    if (!injectorInstalled(ctx.env.store)) {
      throw new IstioctlError(`could not read valid configmap "istio" from namespace "${ISTIO_NAMESPACE}": configmaps "istio" not found - Use --meshConfigFile or re-run kube-inject with \`-i <istioSystemNamespace> and ensure valid MeshConfig exists`)
    }
    const { objects } = readObjects(ctx, file)
    ctx.out(objects.map(({ object }) => goYaml(injectObject(object))).join('---\n'))
    return 0
  },
}

/** The object with its pod template injected (a copy); kinds without one come back as they were. */
export function injectObject(obj: Obj): Obj {
  const kind = String(obj.kind ?? '')
  if (kind === 'Pod') {
    const meta = withNullTimestamp(obj.metadata as Meta)
    const injected = injectOne(meta, (obj.spec ?? {}) as Obj, workloadNameOf(meta))
    return { ...obj, metadata: injected.metadata, spec: injected.spec, status: {} }
  }
  if (kind === 'CronJob') {
    const spec = (obj.spec ?? {}) as Obj
    const jobTemplate = (spec.jobTemplate ?? {}) as Obj
    const jobSpec = (jobTemplate.spec ?? {}) as Obj
    const template = injectPodTemplate((jobSpec.template ?? {}) as Obj, String((obj.metadata as Meta)?.name ?? ''))
    return { ...obj, metadata: withNullTimestamp(obj.metadata as Meta), spec: { ...spec, jobTemplate: { ...jobTemplate, spec: { ...jobSpec, template } } }, status: {} }
  }
  if (!TEMPLATE_KINDS.includes(kind)) return obj
  const spec = (obj.spec ?? {}) as Obj
  const template = injectPodTemplate((spec.template ?? {}) as Obj, String((obj.metadata as Meta)?.name ?? ''))
  return { ...obj, metadata: withNullTimestamp(obj.metadata as Meta), spec: { ...spec, template }, status: {} }
}

function injectPodTemplate(template: Obj, workloadName: string): Obj {
  const meta = withNullTimestamp(template.metadata as Meta)
  const injected = injectOne(meta, (template.spec ?? {}) as Obj, workloadName)
  return { ...template, metadata: injected.metadata, spec: injected.spec }
}

function injectOne(meta: Meta, spec: Obj, workloadName: string): { metadata: Meta; spec: Obj } {
  const skip = meta.annotations?.['sidecar.istio.io/inject'] === 'false' || meta.labels?.['sidecar.istio.io/inject'] === 'false' || meta.annotations?.[STATUS_ANNOTATION] !== undefined
  return skip ? { metadata: meta, spec } : injectTemplate(meta, spec, workloadName)
}

function withNullTimestamp(meta: Meta | undefined): Meta {
  return { creationTimestamp: null, ...(meta ?? {}) } as Meta
}
