// Starting and ending a browser session in a route handler's response.
import { getPrisma } from '@/lib/db/global'
import { clientIp } from '@/lib/http/client-ip'
import { wantsSecureCookies } from '@/lib/http/secure-cookies'
import { clearedSessionCookie, sessionCookie } from './cookies'
import { createSession } from './sessions'

export async function startSessionCookie(req: Request, userId: string): Promise<string> {
  const { token } = await createSession(getPrisma(), userId, {
    userAgent: req.headers.get('user-agent'),
    ip: clientIp(req.headers),
  })
  return sessionCookie(token, { secure: wantsSecureCookies(req) })
}

export function endSessionCookie(req: Request): string {
  return clearedSessionCookie({ secure: wantsSecureCookies(req) })
}
