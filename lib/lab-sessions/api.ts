// The lab session API's shared steps: load a session the caller may see, and turn SessionErrors into API errors.
import { ApiError } from '@/lib/api/api-error'
import { requireId } from '@/lib/api/ids'
import type { SessionUser } from '@/lib/auth/sessions'
import { getPrisma } from '@/lib/db/global'
import { SessionError } from '@/lab-engine/sessions/session-error'
import type { StoredLabSession } from '@/lab-engine/sessions/session-repository'
import { sessionAccess } from './access'
import { getLabSessions } from './engine'

/** The session if the caller owns it (`own`) or may watch it (`watch`); 404 unknown, 403 foreign. */
export async function sessionForCaller(user: SessionUser, rawId: string | undefined, need: 'own' | 'watch'): Promise<StoredLabSession> {
  const id = requireId(rawId, 'lab session')
  const stored = await asApiErrors(() => getLabSessions().get(id))
  if (!stored) throw new ApiError('not_found', 'No such lab session.')
  const access = await sessionAccess(getPrisma(), { userId: user.id, role: user.role }, stored)
  if (access === 'none' || (need === 'own' && access !== 'owner')) throw new ApiError('forbidden', 'This lab session belongs to someone else.')
  return stored
}

const STATUS_OF: Record<SessionError['code'], ConstructorParameters<typeof ApiError>[0]> = {
  not_found: 'not_found',
  limit: 'conflict',
  ended: 'conflict',
  failed: 'unavailable',
  unavailable: 'unavailable',
}

export async function asApiErrors<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body()
  } catch (err) {
    if (err instanceof SessionError) throw new ApiError(STATUS_OF[err.code], err.message)
    throw err
  }
}
