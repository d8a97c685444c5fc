// POST /api/lab-sessions: start (or return) my session for a lab, or queue me for a seat. GET: my sessions (staff: ?userId= of a learner they teach).
import { ApiError } from '@/lib/api/api-error'
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { ROLES, rolesWith } from '@/lib/auth/roles'
import { getPrisma } from '@/lib/db/global'
import { mayWatchUser } from '@/lib/lab-sessions/access'
import { asApiErrors } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { listLabSessionsQuery, startLabSessionInput } from '@/lib/lab-sessions/schemas'

export const POST = withRole(
  async (req, { user }) => {
    const { lab } = await readJson(req, startLabSessionInput)
    const outcome = await asApiErrors(() => getLabSessions().start(user.id, lab))
    if (outcome.kind === 'queued') return Response.json({ queued: true, position: outcome.position, message: outcome.message }, { status: 202 })
    return Response.json({ session: outcome.session }, { status: outcome.kind === 'started' ? 201 : 200 })
  },
  { roles: rolesWith('labs:use') },
)

export const GET = withRole(
  async (req, { user }) => {
    const query = listLabSessionsQuery.parse(Object.fromEntries(new URL(req.url).searchParams))
    const userId = query.userId ?? user.id
    if (!(await mayWatchUser(getPrisma(), { userId: user.id, role: user.role }, userId))) throw new ApiError('forbidden', "You cannot see this user's lab sessions.")
    const manager = getLabSessions()
    const sessions = await manager.list(userId)
    return Response.json({ sessions: sessions.map((s) => manager.view(s)) })
  },
  { roles: ROLES },
)
