// Whether cookies get the Secure attribute: COOKIE_SECURE=true, or the request came over HTTPS.
export function wantsSecureCookies(req: Request): boolean {
  if (process.env.COOKIE_SECURE === 'true') return true
  if (process.env.COOKIE_SECURE === 'false') return false
  return new URL(req.url).protocol === 'https:'
}
