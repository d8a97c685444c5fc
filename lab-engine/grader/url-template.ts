// Request templates: `{{ingress}}` in a check's URL is the ingress gateway's address and HTTP port.
import type { HttpProbe } from '../drivers/cluster-driver'
import type { CheckContext } from './check-outcome'

export async function resolveRequest(req: HttpProbe, ctx: CheckContext): Promise<HttpProbe> {
  if (!req.url.includes('{{ingress}}')) return req
  return { ...req, url: req.url.replaceAll('{{ingress}}', await ctx.ingress()) }
}
