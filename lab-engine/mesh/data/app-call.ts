// Calling the app in a container: the process bound to the port answers, after its service time.
//
// Behaviour comes from the container as the pod spec runs it (mesh/apps
// appForContainer): the image, its command and args, its environment and the
// files its ConfigMap/Secret volumes mount (nginx.conf decides nginx's ports and
// which of them speak TLS). A port no running container listens on refuses the
// connection, as in Kubernetes where containerPort is informational.
//
// Kubernetes resolves a container's environment and mounts when the container
// starts (a later ConfigMap edit needs a restart), so the model is worked out
// once per container start and kept.
import { containerStartedAt, podLogsFor } from '../../cluster/pod-logs'
import type { ObjectStore } from '../../cluster/store'
import type { KubeObject } from '../../cluster/types'
import { type Flow, wait } from '../../core/flow'
import { containerEnv, type ContainerSpec } from '../../pod-shell/pod-env'
import {
  appForContainer, volumeDirLister, volumeFileReader,
  type AppContext, type AppModel, type AppRequest, type AppResponse, type UpstreamCall, type UpstreamFailure,
} from '../apps'
import { isMemoLine } from '../apps/line-memo'
import { jittered, MTLS_HANDSHAKE_MS } from './latency'
import type { MeshNetwork } from './network'
import type { MeshFailure, MeshRequest, MeshResult } from './types'

export interface AppTarget { app: AppModel; container: string }

/** Started containers remembered per store (the oldest is forgotten first). */
export const MAX_STARTED_CONTAINERS = 4096

type PodContainer = ContainerSpec & { command?: string[]; args?: string[]; restartPolicy?: string }

/** A container's process as it started: its model, environment and start time. */
interface Started { app: AppModel; env: Record<string, string>; startedAt?: number; spec: PodContainer }

const startedByStore = new WeakMap<ObjectStore, Map<string, Started>>()

/**
 * The containers whose processes can serve: the app containers and Kubernetes
 * sidecar containers (init containers with `restartPolicy: Always`), never Istio's proxy.
 */
function servingContainers(pod: KubeObject): readonly PodContainer[] {
  return podView(pod).serving
}

/** What a pod object says about its containers, worked out once per object (the store replaces objects, never mutates them). */
interface PodView {
  readonly serving: readonly PodContainer[]
  /** The serving containers that run a process, in the same order. */
  readonly running: readonly PodContainer[]
  readonly startedAt: Map<string, number | undefined>
  /** What listens on each port, per store. */
  readonly listening: WeakMap<ObjectStore, Map<number, AppTarget | undefined>>
}

const podViews = new WeakMap<KubeObject, PodView>()

function podView(pod: KubeObject): PodView {
  let v = podViews.get(pod)
  if (v) return v
  const spec = pod.spec as { containers?: PodContainer[]; initContainers?: PodContainer[] } | undefined
  const sidecars = (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')
  const serving = [...(spec?.containers ?? []), ...sidecars].filter((c) => c.name !== 'istio-proxy')
  v = { serving, running: serving.filter((c) => !notRunning(pod, c.name)), startedAt: new Map(), listening: new WeakMap() }
  podViews.set(pod, v)
  return v
}

function startedAtOf(pod: KubeObject, name: string): number | undefined {
  const known = podView(pod).startedAt
  if (known.has(name)) return known.get(name)
  const at = containerStartedAt(pod, name)
  known.set(name, at)
  return at
}

interface StatusLike { name: string; state?: { running?: unknown; waiting?: unknown; terminated?: unknown } }

/** A container the kubelet reports as waiting or terminated runs no process; no status yet counts as running. */
function notRunning(pod: KubeObject, name: string): boolean {
  const st = pod.status as { containerStatuses?: StatusLike[]; initContainerStatuses?: StatusLike[] } | undefined
  const state = [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? [])].find((s) => s.name === name)?.state
  return !!state && !state.running && (!!state.waiting || !!state.terminated)
}

function startContainer(store: ObjectStore | undefined, pod: KubeObject, spec: PodContainer, startedAt: number | undefined): Started {
  const env = store ? containerEnv(store, pod, spec) : Object.fromEntries((spec.env ?? []).flatMap((e) => (e.value !== undefined ? [[e.name, e.value]] : [])))
  const lookup = store && ((kind: 'ConfigMap' | 'Secret', namespace: string, name: string) => store.get({ kind, namespace, name }))
  const files = lookup ? { readFile: volumeFileReader(pod, spec.name, lookup), listDir: volumeDirLister(pod, spec.name, lookup) } : {}
  const app = appForContainer({ image: spec.image ?? '', env, ...(spec.command ? { command: spec.command } : {}), ...(spec.args ? { args: spec.args } : {}), ...files })
  return { app, env, spec, ...(startedAt !== undefined ? { startedAt } : {}) }
}

/** The container's process, worked out once per start when the store is known. */
function started(store: ObjectStore | undefined, pod: KubeObject, spec: PodContainer): Started {
  const startedAt = startedAtOf(pod, spec.name)
  if (!store) return startContainer(undefined, pod, spec, startedAt)
  let cache = startedByStore.get(store)
  if (!cache) startedByStore.set(store, (cache = new Map()))
  // The image is in the key too: `kubectl set image` on a bare pod restarts the container with another program.
  const key = `${pod.metadata.uid}/${spec.name}/${startedAt ?? ''}/${spec.image ?? ''}`
  let s = cache.get(key)
  if (!s) {
    if (cache.size >= MAX_STARTED_CONTAINERS) cache.delete(cache.keys().next().value!)
    cache.set(key, (s = startContainer(store, pod, spec, startedAt)))
  }
  return s
}

/**
 * The container in the pod whose process listens on the port. Pass the store so the
 * environment's ConfigMap/Secret references and mounted files count; without it only
 * literal env values do and no mounted file is read.
 */
export function appListeningOn(pod: KubeObject, port: number, store?: ObjectStore): AppTarget | undefined {
  // Per pod object: a container's process is worked out once per start, and the pod object changes when one restarts.
  const view = podView(pod)
  if (!store) return listeningIn(view, pod, port, undefined)
  let byPort = view.listening.get(store)
  if (!byPort) view.listening.set(store, (byPort = new Map()))
  if (byPort.has(port)) return byPort.get(port)
  const found = listeningIn(view, pod, port, store)
  if (byPort.size < 64) byPort.set(port, found)
  return found
}

function listeningIn(view: PodView, pod: KubeObject, port: number, store: ObjectStore | undefined): AppTarget | undefined {
  for (const c of view.running) {
    const { app } = started(store, pod, c)
    if (app.listensOn(port)) return { app, container: c.name }
  }
  return undefined
}

/** Runs the app's handler for one request and lets its service time pass. */
export function* callApp(net: MeshNetwork, pod: KubeObject, target: AppTarget, req: AppRequest): Flow<AppResponse> {
  return yield* served(net, target.app.handle(req, appContext(net, pod, target.container)))
}

/** An app's answer (now or promised), once its service time has passed. */
export function* served(net: MeshNetwork, reply: AppResponse | Promise<AppResponse>): Flow<AppResponse> {
  const response = reply instanceof Promise ? yield* wait(reply) : reply
  const serving = net.scheduler.pause(response.serviceTimeMs)
  if (serving) yield serving
  return response
}

const FLATTEN = /^/

/** Contexts per network, pod object and container: everything in one is fixed while the pod object is. */
const contexts = new WeakMap<MeshNetwork, WeakMap<KubeObject, Map<string, AppContext>>>()

function appContext(net: MeshNetwork, pod: KubeObject, container: string): AppContext {
  let byPod = contexts.get(net)
  if (!byPod) contexts.set(net, (byPod = new WeakMap()))
  let byName = byPod.get(pod)
  if (!byName) byPod.set(pod, (byName = new Map()))
  let ctx = byName.get(container)
  if (!ctx) byName.set(container, (ctx = newAppContext(net, pod, container)))
  return ctx
}

function newAppContext(net: MeshNetwork, pod: KubeObject, container: string): AppContext {
  const spec = servingContainers(pod).find((c) => c.name === container)
  const proc = spec ? started(net.store, pod, spec) : undefined
  const writeLog = podLogsFor(net.store, () => net.clock.now()).writer(pod.metadata.uid, container)
  let last = ''
  return {
    upstream: (call: UpstreamCall) => net.appUpstream(pod, call),
    rng: net.rng,
    now: () => net.clock.now(),
    pod: {
      name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', labels: pod.metadata.labels ?? {},
      podIp: (pod.status as { podIP?: string } | undefined)?.podIP ?? '', env: proc?.env ?? {},
      ...(proc?.startedAt !== undefined ? { startedAt: proc.startedAt } : {}),
      ...(spec?.command ? { command: spec.command } : {}), ...(spec?.args ? { args: spec.args } : {}),
    },
    appendLog: (line) => {
      // Log lines outlive many collections: flattened here (a regular expression needs a flat
      // string), each is one string rather than a rope of its template's pieces. A line equal
      // to the container's last one, or one a LineMemo just handed out, is flat already.
      if (line === last) line = last
      else if (!isMemoLine((last = line))) FLATTEN.test(line)
      writeLog(line)
    },
    state: net.containerState(pod, container),
    // The Prometheus addon's HTTP API answers from the session's telemetry (what it would have scraped).
    ...(net.metrics ? { prometheus: net.metrics } : {}),
  }
}

/** Whether the app's own process terminates TLS on this port (nginx `listen 443 ssl`). */
export function servesTls(target: AppTarget, port: number): boolean {
  return target.app.tlsPorts?.includes(port) ?? false
}

/**
 * The TLS handshake of a client that reaches the app directly: the app's own TLS port
 * takes it (one handshake's time passes); a plain port answers the ClientHello with
 * HTTP bytes, which OpenSSL reports as a wrong version number (curl 35).
 * Assumption: the server certificate is accepted (curl -k, or a trusted CA).
 */
export function* directTls(net: MeshNetwork, target: AppTarget, req: MeshRequest): Flow<MeshFailure | undefined> {
  if (req.scheme !== 'https') return undefined
  if (!servesTls(target, req.dstPort)) return { kind: 'failure', curlExitCode: 35, message: 'OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number', remoteIp: req.dstIp }
  const handshake = net.scheduler.pause(jittered(net.rng, MTLS_HANDSHAKE_MS))
  if (handshake) yield handshake
  return undefined
}

/**
 * What the client gets when it reads the app's answer itself (no Envoy in between rewrites
 * it): the app's reason phrase; curl's errors when no HTTP came back (52 for a closed
 * connection; 1 for bytes that are not HTTP, curl refusing HTTP/0.9 since 7.66); HTTP/1.1
 * over the app's own TLS (the modelled servers offer no h2 by ALPN). `proxied` (the
 * client's sidecar reads it) keeps the failures but drops the reason phrase.
 */
export function directResult(req: MeshRequest, res: AppResponse, opts: { proxied: boolean }): MeshResult {
  if (res.abort === 'empty-reply') return { kind: 'failure', curlExitCode: 52, message: 'Empty reply from server', remoteIp: req.dstIp }
  if (res.abort === 'not-http') return { kind: 'failure', curlExitCode: 1, message: 'Received HTTP/0.9 when not allowed', remoteIp: req.dstIp }
  return {
    kind: 'response', status: res.status, headers: res.headers, body: res.body, flags: [], remoteIp: req.dstIp, remotePort: req.dstPort,
    ...(res.statusText !== undefined && !opts.proxied ? { statusText: res.statusText } : {}),
    ...(req.scheme === 'https' ? { httpVersion: '1.1' as const } : {}),
  }
}

/**
 * Envoy's local reply when the app behind an inbound sidecar gives no HTTP response (the
 * router turns a reset before headers into one): a closed connection is 503 `connection
 * termination` (flag UC); bytes that are not HTTP are an upstream protocol error, 502 with
 * flag UPE since envoyproxy/envoy#15033 (istio/istio#36711 shows the 87-byte body).
 */
export function proxiedAppFailure(res: AppResponse): { status: 502 | 503; body: string; flag: 'UPE' | 'UC' } | undefined {
  const prefix = 'upstream connect error or disconnect/reset before headers. reset reason: '
  if (res.abort === 'empty-reply') return { status: 503, body: `${prefix}connection termination`, flag: 'UC' }
  if (res.abort === 'not-http') return { status: 502, body: `${prefix}protocol error`, flag: 'UPE' }
  return undefined
}

/**
 * Client TLS arriving at an inbound sidecar (Istio "Ingress Gateway without TLS Termination":
 * a PASSTHROUGH gateway in front of nginx with `listen 443 ssl` in an injected pod). The
 * sidecar cannot read the HTTP inside, so it proxies the connection as TCP: no HTTP
 * authorization, no Envoy headers, the app does the handshake and its own answer reaches the
 * client unchanged. The app sees the connection from 127.0.0.6, as behind any Istio sidecar.
 */
export function* tlsPassthroughToApp(net: MeshNetwork, pod: KubeObject, target: AppTarget, req: MeshRequest): Flow<MeshResult> {
  const failure = yield* directTls(net, target, req)
  if (failure) return failure
  const appReq: AppRequest = { method: req.method, path: req.path, headers: req.headers, body: req.body, scheme: 'https', host: req.authority, sourceIp: '127.0.0.6', port: req.dstPort }
  return directResult(req, yield* callApp(net, pod, target, appReq), { proxied: false })
}

export type { UpstreamFailure }
