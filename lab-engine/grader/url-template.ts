// Request templates: the ingress gateway's address in a check's URL and --resolve pins, as Istio's docs use INGRESS_HOST, INGRESS_PORT and SECURE_INGRESS_PORT.
import type { HttpProbe } from '../drivers/cluster-driver'
import type { CheckContext } from './check-outcome'

const TEMPLATE = /\{\{(ingress|ingress_https|ingress_host|ingress_https_port)\}\}/g

export async function resolveRequest(req: HttpProbe, ctx: CheckContext): Promise<HttpProbe> {
  const texts = [req.url, ...(req.resolve ?? [])]
  if (!texts.some((t) => t.includes('{{'))) return req
  const gw = await ctx.ingress()
  const values: Record<string, string> = {
    ingress: `${gw.host}:${gw.httpPort}`, ingress_https: `${gw.host}:${gw.httpsPort}`, ingress_host: gw.host, ingress_https_port: String(gw.httpsPort),
  }
  const fill = (t: string) => t.replace(TEMPLATE, (_m, name: string) => values[name]!)
  return { ...req, url: fill(req.url), resolve: req.resolve?.map(fill) }
}
