// Calling the app in a container: the process bound to the port answers, after its service time.
//
// Behaviour comes from the image (mesh/apps catalogue). A port no container listens on
// refuses the connection, as in Kubernetes where containerPort is informational.
import { podLogsFor } from '../../cluster/pod-logs'
import type { KubeObject } from '../../cluster/types'
import { containerEnv } from '../../pod-shell/pod-env'
import { appForImage, type AppModel, type AppRequest, type AppResponse, type UpstreamCall, type UpstreamFailure } from '../apps'
import type { MeshNetwork } from './network'

export interface AppTarget { app: AppModel; container: string }

/** The container in the pod whose process listens on the port (the sidecar itself excluded). */
export function appListeningOn(pod: KubeObject, port: number): AppTarget | undefined {
  const containers = (pod.spec as { containers?: { name: string; image?: string }[] } | undefined)?.containers ?? []
  for (const c of containers) {
    if (c.name === 'istio-proxy') continue
    const app = appForImage(c.image ?? '')
    if (app.listensOn(port)) return { app, container: c.name }
  }
  return undefined
}

/** Runs the app's handler for one request and lets its service time pass. */
export async function callApp(net: MeshNetwork, pod: KubeObject, target: AppTarget, req: AppRequest): Promise<AppResponse> {
  const containers = (pod.spec as { containers?: { name: string; image?: string; command?: string[]; args?: string[] }[] } | undefined)?.containers ?? []
  const spec = containers.find((c) => c.name === target.container)
  const st = pod.status as { podIP?: string } | undefined
  const logs = podLogsFor(net.store, () => net.clock.now())
  const response = await target.app.handle(req, {
    upstream: (call: UpstreamCall) => net.appUpstream(pod, call),
    rng: net.rng,
    now: () => net.clock.now(),
    pod: {
      name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', labels: pod.metadata.labels ?? {},
      podIp: st?.podIP ?? '', env: spec ? containerEnv(net.store, pod, spec) : {},
      ...(spec?.command ? { command: spec.command } : {}), ...(spec?.args ? { args: spec.args } : {}),
    },
    appendLog: (line) => logs.appendLog(pod.metadata.uid, target.container, line),
    state: net.containerState(pod, target.container),
  })
  await net.scheduler.sleep(response.serviceTimeMs)
  return response
}

export type { UpstreamFailure }
