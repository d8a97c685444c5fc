// The current page request's path, for sending signed-out visitors back after sign-in.
import { headers } from 'next/headers'
import { REQUEST_PATH_HEADER } from './internal-headers'

export async function currentRequestPath(fallback = '/dashboard'): Promise<string> {
  const path = (await headers()).get(REQUEST_PATH_HEADER)
  return path && path.startsWith('/') && !path.startsWith('//') ? path : fallback
}
