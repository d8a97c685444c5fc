// The session's network seams: the HTTP transport (one per cluster store, the
// refusing default until the mesh installs a real one) and the port-forwards
// kubectl port-forward holds open, so a transport can route localhost:<port> to a pod.
import type { ObjectStore } from '../cluster/store'
import { refusingTransport, type HttpTransport } from './curl/transport'

const installed = new WeakMap<ObjectStore, HttpTransport>()

/** The mesh data plane calls this once per session; curl and wget pick it up on their next request. */
export function setHttpTransport(store: ObjectStore, transport: HttpTransport): void {
  installed.set(store, transport)
}

export function httpTransportFor(store: ObjectStore): HttpTransport {
  return installed.get(store) ?? refusingTransport
}

/** One listening `kubectl port-forward`: localhost:<localPort> reaches <pod>:<remotePort>. */
export interface PortForward { localPort: number; namespace: string; pod: string; remotePort: number }

/** Forwards the running commands hold, by local port; bounded by the number of ports a command may forward. */
const forwards = new WeakMap<ObjectStore, Map<number, PortForward>>()

export function activePortForwards(store: ObjectStore): ReadonlyMap<number, PortForward> {
  return forwards.get(store) ?? new Map()
}

/**
 * Registers forwards while a port-forward command runs; returns the release function.
 * A local port already held is refused with the bind error kubectl prints.
 */
export function holdPortForwards(store: ObjectStore, list: readonly PortForward[]): { release(): void } | { busy: number } {
  let held = forwards.get(store)
  if (!held) forwards.set(store, (held = new Map()))
  const busy = list.find((f) => held!.has(f.localPort))
  if (busy) return { busy: busy.localPort }
  for (const f of list) held.set(f.localPort, f)
  return { release: () => { for (const f of list) if (held!.get(f.localPort) === f) held!.delete(f.localPort) } }
}
