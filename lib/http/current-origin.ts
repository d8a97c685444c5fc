// The origin of the current page request (for links we show), honouring APP_ORIGIN.
import { headers } from 'next/headers'

export async function currentOrigin(): Promise<string> {
  const configured = process.env.APP_ORIGIN?.split(',')[0]?.trim()
  if (configured) return configured.replace(/\/$/, '')
  const h = await headers()
  const proto = process.env.COOKIE_SECURE === 'true' ? 'https' : 'http'
  return `${proto}://${h.get('host') ?? 'localhost'}`
}
