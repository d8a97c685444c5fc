// GET /api/lab-sessions/:id/topology: the mesh graph's namespaces, workloads, services and compiled routes (owner, or staff watching).
import { withRole } from '@/lib/api/with-role'
import { ROLES } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { buildMeshTopology, listTopologyObjects } from '@/lab-engine/mesh/graph'

export const GET = withRole<{ id: string }>(
  async (_req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'watch')
    const driver = await asApiErrors(() => getLabSessions().driverFor(stored.id))
    const topology = buildMeshTopology(await listTopologyObjects(driver))
    // The graph shows features by capability, never by driver name.
    return Response.json({ topology, capabilities: driver.capabilities })
  },
  { roles: ROLES },
)
