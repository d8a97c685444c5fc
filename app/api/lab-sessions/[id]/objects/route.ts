// GET /api/lab-sessions/:id/objects?kind=&namespace=: one kind's objects as `kubectl get` rows, for the cluster explorer (owner, or staff watching).
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { apiVersionOf } from '@/lab-engine/cluster/kinds'
import type { KubeObject } from '@/lab-engine/drivers/cluster-driver'
import { kindOf, listObjectsQuery, MAX_OBJECT_ROWS, queryOf } from './object-query'
import { objectTable } from './object-rows'

/**
 * The instant ages count from: the server's clock, or the newest creation time when the
 * cluster's clock runs ahead (the sim's setup runs on virtual time, so right after a
 * start its clock leads the wall clock until real time catches up). kubectl would print
 * <invalid> for an object from the future.
 */
function ageBase(objects: readonly KubeObject[]): number {
  const newest = Math.max(0, ...objects.map((o) => Date.parse(String(o.metadata.creationTimestamp ?? '')) || 0))
  return Math.max(Date.now(), newest)
}

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const query = listObjectsQuery.parse(queryOf(req))
    const info = kindOf(query.kind)
    const stored = await sessionForCaller(user, params.id, 'watch')
    const driver = await asApiErrors(() => getLabSessions().driverFor(stored.id))
    const namespace = info.namespaced && query.namespace ? query.namespace : undefined
    const listed = driver.list({ kind: info.kind, ...(namespace ? { namespace } : {}) })
    // An Istio kind before Istio's CRDs are installed: an empty list, so the explorer just shows no rows.
    const objects = await (info.istio ? listed.catch(() => []) : listed)
    return Response.json(objectTable(info, apiVersionOf(info), objects, ageBase(objects), MAX_OBJECT_ROWS))
  },
  { roles: ROLES },
)
