// GET /api/lab-sessions/:id/telemetry/load-test: the session's last `fortio load` run (histogram, percentiles, qps, codes), or null (owner, or staff watching).
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { telemetryDriver } from '../telemetry-input'

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const { driver } = await telemetryDriver(user, params.id, 'lastLoadTest')
    return Response.json({ loadTest: await driver.lastLoadTest() })
  },
  { roles: ROLES },
)
