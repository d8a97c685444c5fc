// POST /api/lab-sessions/:id/apply {text}: the editor's "Apply", `kubectl apply -f -` in the session (owner).
//
// The driver runs kubectl itself (the sim's kubectl, or the real one in the
// toolbox), so the lines are kubectl's own: `virtualservice.networking.istio.io/reviews
// configured`, or its error text with exit code 1. Nothing is reformatted here.
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { rolesWith } from '@/lib/auth/roles'
import { asApiErrors, sessionForCaller } from '@/lib/lab-sessions/api'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import { applyInput, asDriverErrors, checkTextSize, MAX_FILE_BODY_BYTES } from '../files/file-input'

export const POST = withRole<{ id: string }>(
  async (req, { params, user }) => {
    const stored = await sessionForCaller(user, params.id, 'own')
    const { text } = await readJson(req, applyInput, MAX_FILE_BODY_BYTES)
    checkTextSize(text)
    const driver = await asApiErrors(() => getLabSessions().driverFor(stored.id))
    const result = await asDriverErrors(() => driver.apply(text))
    await getLabSessions().markActive(stored.id)
    return Response.json({ ok: result.exitCode === 0, exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr })
  },
  { roles: rolesWith('labs:use') },
)
