// The origin people reach this server at, for links we hand out (cohort invitations).
import { allowedOrigins } from './same-origin'

export function publicOrigin(req: Request): string {
  const configured = allowedOrigins()[0]
  if (configured) return configured
  const host = req.headers.get('host')
  return host ? `${new URL(req.url).protocol}//${host}` : new URL(req.url).origin
}
