// The origin people reach this server at, for links we hand out (cohort invitations).
export function publicOrigin(req: Request): string {
  const configured = process.env.APP_ORIGIN?.split(',')[0]?.trim()
  if (configured) return configured.replace(/\/$/, '')
  const host = req.headers.get('host')
  return host ? `${new URL(req.url).protocol}//${host}` : new URL(req.url).origin
}
