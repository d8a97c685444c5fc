// istioctl kube-inject -f file|- [-o out]: the manifest with the sidecar added to every pod template, `---` separated.
//
// istio.io/latest/docs/setup/additional-setup/sidecar-injection/#manual-sidecar-injection:
// `istioctl kube-inject -f samples/sleep/sleep.yaml | kubectl apply -f -`. Injection is
// unconditional (namespace labels do not matter) except for templates annotated or
// labelled `sidecar.istio.io/inject: "false"`; kinds without a pod template pass through.
// Output is Go-marshalled: metadata gains `creationTimestamp: null` and workloads `status: {}`.
// Without Istio the mesh ConfigMap cannot be read and istioctl says so (message from
// istioctl's kubeinject.go, as quoted in istio/istio#5994). `-o, --output string  Modified output
// Kubernetes resource filename`: the input is opened first, then the output created
// (kubeinject.go's RunE), and the result goes there instead of stdout.

import { goYaml } from '../kubectl/printers/go-yaml'
import { injectTemplate, STATUS_ANNOTATION, workloadNameOf } from '../istio/sidecar-template'
import { injectorInstalled } from '../istio/sidecar-injector'
import { ISTIO_NAMESPACE } from '../istio/version'
import { flag } from '../kubectl/commands/flags'
import { resolvePath } from '../shell/vfs'
import { VfsError } from '../shell/vfs-error'
import { IstioctlError, type SubContext, type Subcommand } from './context'
import { readObjects, readText } from './file-input'

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
    let input = readText(ctx, file)
    const output = flag(ctx.flags, 'output')
    // os.Create happens before the injection config is read: a failed run still leaves the file, empty.
    // The input is read only after that, so `-o` naming the input file truncates it first and yields nothing.
    if (output) writeOutput(ctx, output, '')
    if (output && file !== '-' && resolvePath(ctx.shell.cwd, output) === resolvePath(ctx.shell.cwd, file)) input = ''
    if (!injectorInstalled(ctx.env.store)) {
      throw new IstioctlError(`could not read valid configmap "istio" from namespace "${ISTIO_NAMESPACE}": configmaps "istio" not found - Use --meshConfigFile or re-run kube-inject with \`-i <istioSystemNamespace> and ensure valid MeshConfig exists`)
    }
    const { objects } = readObjects(ctx, file, input)
    const text = objects.map(({ object }) => goYaml(injectObject(object))).join('---\n')
    if (output) writeOutput(ctx, output, text)
    else ctx.out(text)
    return 0
  },
}

/** -o FILE: os.Create (truncate or create) in the learner's file system; Go's error text when it cannot. */
function writeOutput(ctx: SubContext, typed: string, text: string): void {
  try {
    ctx.shell.vfs.writeFile(resolvePath(ctx.shell.cwd, typed), text)
  } catch (e) {
    if (e instanceof VfsError) throw new IstioctlError(`open ${typed}: ${e.message.toLowerCase()}`)
    throw e
  }
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
