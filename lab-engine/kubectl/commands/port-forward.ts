// kubectl port-forward: checks the target and ports, prints kubectl's Forwarding lines, opens a browser preview.
//
// Follows k8s.io/kubectl/pkg/cmd/portforward/portforward.go (kubectl 1.33):
// `TYPE/NAME and list of ports are required for port-forward`; a Service's
// port is translated to the pod's targetPort (`Service x does not have a
// service port N`, `Service 'x' does not have a named port 'y'`); a pod's named
// port must exist (`Pod 'x' does not have a named port 'y'`); the pod must be
// running (`unable to forward port because pod is not running. Current status=Pending`).
// `--address localhost` (the default) listens on 127.0.0.1 and [::1].
// In real time it runs until Ctrl-C, holding its local ports in the session's
// forward table (pod-shell/network.ts) so a transport can route localhost to the
// pod, and a second forward on the same port fails to bind; without a browser
// channel (headless CLI) or in virtual time it prints the Forwarding lines and exits 0.

import type { KubeObject } from '../../cluster/types'
import { holdPortForwards } from '../../pod-shell/network'
import { attachablePod, podContainers } from './attachable-pod'
import { KubectlError, type Verb, type VerbContext } from './context'
import { flag } from './flags'

const USAGE_SUFFIX = "\nSee 'kubectl port-forward -h' for help and examples"
/** Forwarded ports one command may hold. */
const MAX_PORTS = 16

interface PortPair { local: number; remote: number }
interface ServicePort { name?: string; port: number; targetPort?: number | string }

export const portForwardVerb: Verb = {
  name: 'port-forward',
  flags: [{ name: 'address', value: true }, { name: 'pod-running-timeout', value: true }],
  async run(ctx) {
    const [resource, ...ports] = ctx.flags.args
    if (!resource || ports.length === 0) throw new KubectlError(`TYPE/NAME and list of ports are required for port-forward${USAGE_SUFFIX}`)
    if (ports.length > MAX_PORTS) throw new KubectlError(`too many ports: at most ${MAX_PORTS} may be forwarded at once`)
    const service = serviceFor(ctx, resource)
    const { pod } = await attachablePod(ctx, resource)
    // Complete(): names become numbers first; RunPortForward() then checks the pod; parsePorts() last.
    const translated = ports.map((p) => (service ? translateServicePort(p, service, pod) : convertPodNamedPort(p, pod)))
    const phase = (pod.status as { phase?: string } | undefined)?.phase ?? 'Pending'
    if (phase !== 'Running') throw new KubectlError(`unable to forward port because pod is not running. Current status=${phase}`)
    const pairs = translated.map((p) => parsePortPair(p, resource))
    const addresses = listenAddresses(flag(ctx.flags, 'address') ?? 'localhost')
    const holding = ctx.env.ui !== undefined && ctx.env.mode === 'realtime'
    const hold = holding ? holdPortForwards(ctx.env.store, pairs.map((p) => ({ localPort: p.local, namespace: pod.metadata.namespace ?? 'default', pod: pod.metadata.name, remotePort: p.remote }))) : undefined
    if (hold && 'busy' in hold) return refuseBusyPort(ctx, hold.busy, addresses, pairs)
    for (const pair of pairs) for (const address of addresses) ctx.out(`Forwarding from ${address}:${pair.local} -> ${pair.remote}\n`)
    for (const pair of pairs) ctx.env.ui?.emit({ action: 'open-preview', localPort: pair.local, target: `${pod.metadata.name}.${pod.metadata.namespace}`, remotePort: pair.remote })
    if (!hold) return 0
    try {
      await untilAborted(ctx.shell.signal)
    } finally {
      hold.release()
    }
    return 130
  },
}

/** client-go's bind failure when another port-forward holds the local port. */
function refuseBusyPort(ctx: VerbContext, port: number, addresses: string[], pairs: PortPair[]): number {
  const errors = addresses.map((a) => `unable to create listener: Error listen tcp${a.startsWith('[') ? 6 : 4} ${a}:${port}: bind: address already in use`)
  ctx.err(`Unable to listen on port ${port}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`)
  throw new KubectlError(`unable to listen on any of the requested ports: [${pairs.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`)
}

function listenAddresses(raw: string): string[] {
  return raw.split(',').flatMap((a) => {
    if (a === 'localhost') return ['127.0.0.1', '[::1]']
    if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(a) && !a.includes(':')) throw new KubectlError(`${a} is not a valid IP`)
    return [a.includes(':') ? `[${a}]` : a]
  })
}

function serviceFor(ctx: VerbContext, resource: string): KubeObject | undefined {
  const [type, name] = resource.split('/')
  if (name === undefined || !['svc', 'service', 'services'].includes(type!.toLowerCase())) return undefined
  return ctx.env.store.get({ kind: 'Service', name, namespace: ctx.namespace })
}

/** kubectl's splitPort: `[LOCAL:]REMOTE`; anything else counts as one port. */
function splitPort(spec: string): [string, string] {
  const parts = spec.split(':')
  return parts.length === 2 ? [parts[0]!, parts[1]!] : [parts[0]!, parts[0]!]
}

const joinPort = (local: string, remote: string) => (local !== remote ? `${local}:${remote}` : remote)

/** convertPodNamedPortToNumber: a named remote port becomes the container's port number. */
function convertPodNamedPort(spec: string, pod: KubeObject): string {
  const [local, remote] = splitPort(spec)
  if (/^\d+$/.test(remote)) return joinPort(local, remote)
  return joinPort(local, String(podPortByName(pod, remote)))
}

/** translateServicePortToTargetPort: a service port (number or name) becomes the pod port behind its targetPort. */
function translateServicePort(spec: string, svc: KubeObject, pod: KubeObject): string {
  let [local, remote] = splitPort(spec)
  const ports = ((svc.spec ?? {}) as { ports?: ServicePort[] }).ports ?? []
  let number = Number(remote)
  if (!/^-?\d+$/.test(remote)) {
    const named = ports.find((p) => p.name === remote)
    if (!named) throw new KubectlError(`Service '${svc.metadata.name}' does not have a named port '${remote}'`)
    number = named.port
    if (local === remote) local = String(number)
  }
  const sp = ports.find((p) => p.port === number)
  if (!sp) throw new KubectlError(`Service ${svc.metadata.name} does not have a service port ${number}`)
  const target = sp.targetPort === undefined || sp.targetPort === 0 ? sp.port : typeof sp.targetPort === 'number' ? sp.targetPort : podPortByName(pod, sp.targetPort)
  return joinPort(local, String(target))
}

function podPortByName(pod: KubeObject, name: string): number {
  const port = podContainers(pod).flatMap((c) => c.ports ?? []).find((p) => p.name === name)
  if (!port) throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${name}'`)
  return port.containerPort
}

/** client-go's parsePorts: `:80` asks for a free local port; numbers must fit 16 bits. */
function parsePortPair(spec: string, resource: string): PortPair {
  const parts = spec.split(':')
  if (parts.length > 2) throw new KubectlError(`invalid port format '${spec}'`)
  const [localText, remoteText] = parts.length === 2 ? [parts[0]! || '0', parts[1]!] : [parts[0]!, parts[0]!]
  const local = parseUint16(localText, 'local')
  const remote = parseUint16(remoteText, 'remote')
  if (remote === 0) throw new KubectlError('remote port must be > 0')
  return { local: local === 0 ? freeLocalPort(resource + spec) : local, remote }
}

function parseUint16(text: string, which: 'local' | 'remote'): number {
  if (/^\d+$/.test(text) && Number(text) <= 65535) return Number(text)
  const reason = /^\d+$/.test(text) ? 'value out of range' : 'invalid syntax'
  throw new KubectlError(`error parsing ${which} port '${text}': strconv.ParseUint: parsing ${JSON.stringify(text)}: ${reason}`)
}

/** The OS picks an ephemeral port; a stable pick from the spec keeps transcripts reproducible. */
function freeLocalPort(seed: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193)
  return 32768 + ((h >>> 0) % (60999 - 32768))
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
  })
}
