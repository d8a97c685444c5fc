// The request's path and query, set by server.ts on every request (overwriting
// any client value) so layouts can send signed-out visitors back after sign-in.
import { headers } from 'next/headers'

export const REQUEST_PATH_HEADER = 'x-mesh-dojo-path'

export async function currentRequestPath(fallback = '/dashboard'): Promise<string> {
  const path = (await headers()).get(REQUEST_PATH_HEADER)
  return path && path.startsWith('/') && !path.startsWith('//') ? path : fallback
}
