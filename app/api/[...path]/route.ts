// Any other /api path: a JSON 404 rather than Next's HTML page.
import { ApiError, errorResponse } from '@/lib/api/api-error'

function notFound(req: Request): Response {
  return errorResponse(new ApiError('not_found', `No API route ${req.method} ${new URL(req.url).pathname}.`))
}

export const GET = notFound
export const POST = notFound
export const PUT = notFound
export const PATCH = notFound
export const DELETE = notFound
