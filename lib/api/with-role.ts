// withRole: the wrapper every route handler goes through. It states who may call
// the handler, checks the session and (for writes) the origin, and turns thrown
// errors into `{ "error": { "code", "message" } }` with the right status.
import { ZodError } from 'zod'
import { sessionOf } from '@/lib/auth/authenticate'
import type { ResolvedSession, SessionUser } from '@/lib/auth/sessions'
import type { Role } from '@/lib/auth/roles'
import { isSameOrigin, originHeadersOf } from '@/lib/http/same-origin'
import { logger } from '@/lib/log'
import { ApiError, errorResponse } from './api-error'

export type Access = { roles: readonly Role[] } | { public: true }

export interface HandlerContext<P> {
  params: P
  user: SessionUser
  session: ResolvedSession
}

export interface PublicHandlerContext<P> {
  params: P
  session: ResolvedSession | null
}

type RouteContext<P> = { params: Promise<P> }
type Handler<P> = (req: Request, ctx: HandlerContext<P>) => Promise<Response>
type PublicHandler<P> = (req: Request, ctx: PublicHandlerContext<P>) => Promise<Response>

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function withRole<P = Record<string, never>>(
  handler: Handler<P>,
  access: { roles: readonly Role[] },
): (req: Request, ctx: RouteContext<P>) => Promise<Response>
export function withRole<P = Record<string, never>>(
  handler: PublicHandler<P>,
  access: { public: true },
): (req: Request, ctx: RouteContext<P>) => Promise<Response>
export function withRole<P>(handler: Handler<P> | PublicHandler<P>, access: Access) {
  return async (req: Request, ctx: RouteContext<P>): Promise<Response> => {
    try {
      checkOrigin(req)
      const session = await sessionOf(req)
      const params = (await ctx?.params) ?? ({} as P)
      if ('public' in access) return await (handler as PublicHandler<P>)(req, { params, session })
      const user = authorize(session, access.roles)
      return await (handler as Handler<P>)(req, { params, user, session: session! })
    } catch (err) {
      return toErrorResponse(err, req)
    }
  }
}

function checkOrigin(req: Request) {
  if (SAFE_METHODS.has(req.method)) return
  if (!isSameOrigin(originHeadersOf(req.headers))) {
    throw new ApiError('csrf', 'Cross-site request refused: the Origin header does not match this site.')
  }
}

function authorize(session: ResolvedSession | null, roles: readonly Role[]): SessionUser {
  if (!session) throw new ApiError('unauthenticated', 'Sign in to continue.')
  if (!roles.includes(session.user.role)) {
    throw new ApiError('forbidden', `This needs one of the roles: ${roles.join(', ')}.`)
  }
  return session.user
}

function toErrorResponse(err: unknown, req: Request): Response {
  if (err instanceof ApiError) return errorResponse(err)
  if (err instanceof ZodError) {
    return errorResponse(new ApiError('validation_failed', err.issues[0]?.message ?? 'Invalid input.'))
  }
  const code = (err as { code?: string })?.code
  if (code === 'P2002') return errorResponse(new ApiError('conflict', 'That already exists.'))
  if (code === 'P2025') return errorResponse(new ApiError('not_found', 'Not found.'))
  logger.error({ err, method: req.method, url: req.url }, 'route handler failed')
  return errorResponse(new ApiError('internal', 'Something went wrong on our side. Try again.'))
}
