// GET /api/lab-sessions/:id/objects/yaml?kind=&namespace=&name=: one object as `kubectl get -o yaml` prints it (owner, or staff watching).
import { ApiError } from '@/lib/api/api-error'
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { kindOf, objectYamlQuery, queryOf } from '../object-query'
import { objectYaml } from '../object-rows'

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const query = objectYamlQuery.parse(queryOf(req))
    const info = kindOf(query.kind)
    const stored = await sessionForCaller(user, params.id, 'watch')
    const driver = await asApiErrors(() => getLabSessions().driverFor(stored.id))
    const namespace = info.namespaced ? query.namespace || 'default' : undefined
    const obj = await driver.get({ kind: info.kind, name: query.name, ...(namespace ? { namespace } : {}) }).catch(() => null)
    // kubectl: Error from server (NotFound): pods "x" not found
    if (!obj) throw new ApiError('not_found', `${info.plural}${info.group ? `.${info.group}` : ''} "${query.name}" not found`)
    return Response.json({ kind: info.kind, namespace: namespace ?? null, name: query.name, yaml: objectYaml(obj) })
  },
  { roles: ROLES },
)
