// GET /api/lab-sessions/:id/telemetry/traces?limit=&service=: the most recent traces as span trees, newest first (owner, or staff watching).
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { queryOf, telemetryDriver, tracesQuery } from '../telemetry-input'

export const GET = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const query = tracesQuery.parse(queryOf(req))
    const { driver } = await telemetryDriver(user, params.id, 'traces')
    return Response.json({ traces: await driver.traces({ limit: query.limit, service: query.service }) })
  },
  { roles: ROLES },
)
