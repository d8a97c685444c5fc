// POST /api/auth/sign-in: check credentials (throttled) and start a session.
import { ApiError } from '@/lib/api/api-error'
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { verifyCredentials } from '@/lib/auth/accounts'
import { startSessionCookie } from '@/lib/auth/session-response'
import { assertSignInAllowed, recordSignInFailure, recordSignInSuccess } from '@/lib/auth/sign-in-limits'
import { signInInput } from '@/lib/auth/schemas'
import { getPrisma } from '@/lib/db/global'
import { clientIp } from '@/lib/http/client-ip'

export const POST = withRole(
  async (req) => {
    const input = await readJson(req, signInInput)
    const ip = clientIp(req.headers)
    assertSignInAllowed(ip, input.email)
    const user = await verifyCredentials(getPrisma(), input)
    if (!user) {
      recordSignInFailure(ip, input.email)
      throw new ApiError('unauthenticated', 'Wrong email or password.')
    }
    recordSignInSuccess(ip, input.email)
    const cookie = await startSessionCookie(req, user.id)
    return Response.json({ user }, { headers: { 'set-cookie': cookie } })
  },
  { public: true },
)
