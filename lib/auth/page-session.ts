// Session checks for pages: every page's data loader calls requireUser itself
// (layouts check too, but a layout alone does not guard a page's data).
import { cookies } from 'next/headers'
import { cache } from 'react'
import { forbidden, redirect } from 'next/navigation'
import { getPrisma } from '@/lib/db/global'
import { SESSION_COOKIE, isSessionToken } from './cookies'
import type { Role } from './roles'
import { resolveSession, type SessionUser } from './sessions'

/** Memoised per request (React cache): the root layout, the group layout and the page share one lookup. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value
  if (!isSessionToken(token)) return null
  const session = await resolveSession(getPrisma(), token)
  return session?.user ?? null
})

/** Redirects to sign-in when signed out; renders 403 when the role is not allowed. */
export async function requireUser(roles: readonly Role[] | 'any', returnTo: string): Promise<SessionUser> {
  const user = await currentUser()
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`)
  if (roles !== 'any' && !roles.includes(user.role)) forbidden()
  return user
}

/** Only same-site relative paths are followed after sign-in. */
export function safeReturnPath(value: string | string[] | undefined, fallback = '/dashboard'): string {
  const v = Array.isArray(value) ? value[0] : value
  return v && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\') ? v : fallback
}
