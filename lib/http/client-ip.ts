// The client's address as seen by server.ts, passed to Next.js route handlers
// in a header that server.ts always overwrites (so a client cannot spoof it).

import { CLIENT_IP_HEADER } from './internal-headers'

export { CLIENT_IP_HEADER }

export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? 'unknown'
}

/** With TRUST_PROXY=1 the left-most X-Forwarded-For entry is the client. */
export function resolveClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string {
  const forwarded = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor
  const first = forwarded?.split(',')[0]?.trim()
  if (trustProxy && first) return first
  return socketAddress ?? 'unknown'
}
