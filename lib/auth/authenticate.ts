// authenticate(req): the hook server.ts hands to the lab engine and uses for
// WebSocket upgrades. Works on Node's IncomingMessage and on a Fetch Request.
import type { IncomingMessage } from 'node:http'
import { getPrisma } from '@/lib/db/global'
import { sessionTokenFrom } from './cookies'
import { resolveSession, type ResolvedSession } from './sessions'
import type { Role } from './roles'

export interface Principal {
  userId: string
  role: Role
}

function cookieHeaderOf(req: IncomingMessage | Request): string | null {
  if (req instanceof Request) return req.headers.get('cookie')
  const value = req.headers.cookie
  return typeof value === 'string' ? value : null
}

export async function sessionOf(req: IncomingMessage | Request): Promise<ResolvedSession | null> {
  const token = sessionTokenFrom(cookieHeaderOf(req))
  return token ? resolveSession(getPrisma(), token) : null
}

export async function authenticate(req: IncomingMessage | Request): Promise<Principal | null> {
  const session = await sessionOf(req)
  return session ? { userId: session.user.id, role: session.user.role } : null
}
