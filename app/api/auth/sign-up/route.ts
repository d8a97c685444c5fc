// POST /api/auth/sign-up: create a learner account and sign it in.
import { ApiError } from '@/lib/api/api-error'
import { readJson } from '@/lib/api/read-json'
import { withRole } from '@/lib/api/with-role'
import { EmailTakenError, signUp } from '@/lib/auth/accounts'
import { startSessionCookie } from '@/lib/auth/session-response'
import { assertSignUpAllowed } from '@/lib/auth/sign-in-limits'
import { signUpInput } from '@/lib/auth/schemas'
import { getPrisma } from '@/lib/db/global'
import { clientIp } from '@/lib/http/client-ip'

export const POST = withRole(
  async (req) => {
    const input = await readJson(req, signUpInput)
    assertSignUpAllowed(clientIp(req.headers))
    const user = await signUp(getPrisma(), input).catch((err) => {
      if (err instanceof EmailTakenError) throw new ApiError('conflict', err.message)
      throw err
    })
    const cookie = await startSessionCookie(req, user.id)
    return Response.json({ user }, { status: 201, headers: { 'set-cookie': cookie } })
  },
  { public: true },
)
