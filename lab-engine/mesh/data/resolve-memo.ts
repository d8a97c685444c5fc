// Name resolution for a load run (fortio load): the same request object, resolved once per store state.
//
// While a load runs nothing else runs in the shell, so only the store (a Service or a
// ServiceEntry changing) can move the answer; a failed lookup is answered afresh each time.
import type { ObjectStore } from '../../cluster/store'
import { resolveForRequest, type HttpRequest, type TransportContext } from '../../pod-shell/curl/transport'

export type Resolve = (req: HttpRequest) => ReturnType<typeof resolveForRequest>

export function resolveMemo(store: ObjectStore, ctx: TransportContext): Resolve {
  let memo = new WeakMap<HttpRequest, { addresses: string[]; trace: string[] }>()
  let rv = store.resourceVersion()
  let size = store.size()
  return (req) => {
    if (store.resourceVersion() !== rv || store.size() !== size) {
      rv = store.resourceVersion()
      size = store.size()
      memo = new WeakMap()
    }
    const hit = memo.get(req)
    if (hit) return hit
    const r = resolveForRequest(req, ctx)
    if (!('kind' in r)) memo.set(req, r)
    return r
  }
}
