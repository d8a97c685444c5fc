// GET /api/lab-sessions/:id/objects?kind=&namespace=: one kind's objects as `kubectl get` rows, for the cluster explorer (owner, or staff watching).
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { apiVersionOf } from '@/lab-engine/cluster/kinds'
import { kindOf, listObjectsQuery, MAX_OBJECT_ROWS, queryOf } from './object-query'
import { objectTable } from './object-rows'

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
    return Response.json(objectTable(info, apiVersionOf(info), objects, Date.now(), MAX_OBJECT_ROWS))
  },
  { roles: ROLES },
)
