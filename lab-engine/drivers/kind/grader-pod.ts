// Grader pods: where the kind driver's HTTP probes start — a curl pod labelled app=mesh-dojo-grader beside the source pod.
//
// DESIGN.md "Labs and grading": probe traffic comes from a labelled grader pod
// and is left out of the learner's graph and metrics views. So that a probe
// "from productpage" meets the same mesh rules as productpage would, the
// grader pod runs in the source's namespace, under its service account (the
// identity AuthorizationPolicies see) and with its sidecar choice
// (`sidecar.istio.io/inject`, a pod label Istio honours).
import { DriverError, type KubeObject } from '../cluster-driver'
import type { KubeClient } from './kube-client'

export const GRADER_APP = 'mesh-dojo-grader'
export const GRADER_CONTAINER = 'curl'
/** Image pull plus Envoy start; a cold node can take a while. */
export const GRADER_READY_TIMEOUT_MS = 180_000

export interface GraderIdentity {
  readonly namespace: string
  readonly serviceAccount: string
  readonly sidecar: boolean
}

/** What a probe from `pod` should look like to the mesh. */
export function identityOf(pod: KubeObject): GraderIdentity {
  const spec = pod.spec as { serviceAccountName?: string; containers?: { name: string }[]; initContainers?: { name: string }[] } | undefined
  const all = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]
  return {
    namespace: pod.metadata.namespace ?? 'default',
    serviceAccount: spec?.serviceAccountName ?? 'default',
    sidecar: all.some((c) => c.name === 'istio-proxy'),
  }
}

export function graderPodName(id: GraderIdentity): string {
  const sa = id.serviceAccount.replace(/[^a-z0-9-]/g, '-')
  return `${GRADER_APP}-${sa}${id.sidecar ? '' : '-nomesh'}`.slice(0, 63).replace(/-+$/, '')
}

export function graderPodManifest(id: GraderIdentity, image: string): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: graderPodName(id),
      namespace: id.namespace,
      labels: { app: GRADER_APP, 'sidecar.istio.io/inject': String(id.sidecar) },
    },
    spec: {
      serviceAccountName: id.serviceAccount,
      terminationGracePeriodSeconds: 0,
      containers: [{ name: GRADER_CONTAINER, image, imagePullPolicy: 'IfNotPresent', command: ['/bin/sleep', 'infinity'] }],
    },
  })
}

/** Creates grader pods on first use and remembers the ready ones until the cluster is reset. */
export class GraderPods {
  private readonly ready = new Map<string, Promise<string>>()

  constructor(
    private readonly kube: KubeClient,
    private readonly image: string,
  ) {}

  /** The ready grader pod's name for this identity. */
  ensure(id: GraderIdentity): Promise<string> {
    const name = graderPodName(id)
    const key = `${id.namespace}/${name}`
    let pending = this.ready.get(key)
    if (!pending) {
      pending = this.create(id, name)
      this.ready.set(key, pending)
      pending.catch(() => this.ready.delete(key))
    }
    return pending
  }

  /** Forgets one grader pod (the learner deleted it), or all of them (the cluster was reset). */
  forget(id?: GraderIdentity): void {
    if (id) this.ready.delete(`${id.namespace}/${graderPodName(id)}`)
    else this.ready.clear()
  }

  private async create(id: GraderIdentity, name: string): Promise<string> {
    const r = await this.kube.apply(graderPodManifest(id, this.image))
    if (r.exitCode !== 0) throw new DriverError('failed', `could not create the grader pod ${id.namespace}/${name}: ${r.stderr.trim()}`)
    await this.kube.waitPodReady(id.namespace, name, GRADER_READY_TIMEOUT_MS)
    return name
  }
}
