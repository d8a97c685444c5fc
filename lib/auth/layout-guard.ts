// The check a route group's layout makes once for all its pages.
import { currentRequestPath } from '@/lib/http/request-path'
import { requireUser } from './page-session'
import type { Role } from './roles'

export async function guardLayout(roles: readonly Role[] | 'any') {
  return requireUser(roles, await currentRequestPath())
}
