// The origin of the current page request (for links we show), honouring APP_ORIGIN.
import { headers } from 'next/headers'
import { allowedOrigins } from './same-origin'

export async function currentOrigin(): Promise<string> {
  const configured = allowedOrigins()[0]
  if (configured) return configured
  const h = await headers()
  const proto = process.env.COOKIE_SECURE === 'true' ? 'https' : 'http'
  return `${proto}://${h.get('host') ?? 'localhost'}`
}
