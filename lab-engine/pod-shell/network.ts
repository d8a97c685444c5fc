// The session's HTTP transport: one per cluster store, the refusing default until the mesh installs a real one.
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
