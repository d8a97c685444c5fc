// The DestinationRule and VirtualService lines of `istioctl x describe pod`, from the pod's compiled config.
//
// istio.io/latest/docs/ops/diagnostic-tools/istioctl-describe/ shows the shape:
//   DestinationRule: reviews for "reviews"
//      Matching subsets: v1
//         (Non-matching subsets v2,v3)
//      No Traffic Policy
//   VirtualService: reviews
//      WARNING: No destinations match pod subsets (checked 1 HTTP routes)
//         Route to non-matching subset v2 for (everything)
// and, when some routes reach the pod, "Weight 10%" and "N HTTP route(s)" lines.
// Assumption: the wording of a route's conditions ("when headers are end-user=jason")
// is modelled on that page; uri and other conditions use the same style.

import type { ObjectStore } from '../../cluster/store'
import type { Labels } from '../../cluster/types'
import { compileMesh } from './compile'
import type { DestinationRuleSpec } from './istio-specs'
import type { MeshService } from './registry'
import type { ProxyConfig, Route, RouteMatch } from './types'

export function describeRoutes(store: ObjectStore, pod: string, namespace: string): string {
  const snapshot = compileMesh(store)
  const cfg = snapshot.forPod(namespace, pod)
  if (!cfg) return ''
  const own = snapshot.services.filter((s) => s.instances.some((i) => i.endpoint.pod?.name === pod && i.endpoint.pod.namespace === namespace))
  return own.map((svc) => describeService(store, cfg, svc)).join('')
}

function describeService(store: ObjectStore, cfg: ProxyConfig, svc: MeshService): string {
  const port = svc.ports[0]?.port
  if (port === undefined) return ''
  let out = ''
  const dr = cfg.clusters.get(`outbound|${port}||${svc.hostname}`)?.destinationRule
  const drObj = dr && store.get({ kind: 'DestinationRule', name: dr.name, namespace: dr.namespace })
  if (dr && drObj) out += describeRule(dr.name, (drObj.spec ?? {}) as DestinationRuleSpec, cfg.proxy.labels)
  const vhost = [...cfg.routes.values()].flatMap((rc) => rc.virtualHosts).find((vh) => vh.name === `${svc.hostname}:${port}`)
  const vsRoutes = (vhost?.routes ?? []).filter((r) => r.origin)
  if (vsRoutes.length > 0) out += describeVirtualService(vsRoutes, svc.hostname, subsetsOf(store, cfg, svc, port))
  return out
}

function describeRule(name: string, spec: DestinationRuleSpec, labels: Labels): string {
  const subsets = spec.subsets ?? []
  const matching = subsets.filter((s) => Object.entries(s.labels ?? {}).every(([k, v]) => labels[k] === v)).map((s) => s.name)
  const others = subsets.map((s) => s.name).filter((n) => !matching.includes(n))
  let out = `DestinationRule: ${name} for "${spec.host ?? ''}"\n`
  if (subsets.length > 0) {
    out += `   Matching subsets: ${matching.join(',')}\n`
    if (others.length > 0) out += `      (Non-matching subsets ${others.join(',')})\n`
  }
  const tls = spec.trafficPolicy?.tls?.mode
  out += spec.trafficPolicy ? (tls ? `   Traffic Policy TLS Mode: ${tls}\n` : '   Traffic Policy\n') : '   No Traffic Policy\n'
  return out
}

/** Which subsets (by name) include this pod, from the selected DestinationRule. */
function subsetsOf(store: ObjectStore, cfg: ProxyConfig, svc: MeshService, port: number): (subset: string | undefined) => boolean {
  const dr = cfg.clusters.get(`outbound|${port}||${svc.hostname}`)?.destinationRule
  const spec = (dr && store.get({ kind: 'DestinationRule', name: dr.name, namespace: dr.namespace })?.spec) as DestinationRuleSpec | undefined
  return (subset) => {
    if (!subset) return true
    const s = spec?.subsets?.find((x) => x.name === subset)
    return !!s && Object.entries(s.labels ?? {}).every(([k, v]) => cfg.proxy.labels[k] === v)
  }
}

function describeVirtualService(routes: Route[], host: string, reaches: (subset: string | undefined) => boolean): string {
  let out = `VirtualService: ${routes[0]!.origin!.virtualService.name}\n`
  const matching: string[] = []
  const missing: string[] = []
  let reached = 0
  for (const r of routes) {
    if (r.action.kind !== 'forward') continue
    const total = r.action.clusters.reduce((n, c) => n + c.weight, 0)
    for (const c of r.action.clusters.filter((x) => x.host === host)) {
      const when = conditions(r.match)
      if (reaches(c.subset)) {
        reached++
        if (c.weight < total) matching.push(`   Weight ${Math.round((100 * c.weight) / total)}%`)
        if (when !== 'everything') matching.push(`   Route to ${c.subset ? `subset ${c.subset}` : `host ${host}`} for (${when})`)
      } else {
        missing.push(`      Route to non-matching subset ${c.subset} for (${when})`)
      }
    }
  }
  if (reached === 0 && missing.length > 0) return out + `   WARNING: No destinations match pod subsets (checked ${routes.length} HTTP routes)\n${missing.join('\n')}\n`
  out += matching.map((l) => l + '\n').join('')
  if (missing.length > 0) out += `   ${missing.length} additional destination(s) that will not reach this pod\n${missing.join('\n')}\n`
  return out + `   ${routes.length} HTTP route(s)\n`
}

function conditions(m: RouteMatch): string {
  const parts: string[] = []
  if (!(m.path.kind === 'prefix' && m.path.value === '/')) parts.push(`uri ${m.path.kind} ${m.path.value}`)
  const headers = m.headers.map((h) => `${h.name}${h.match.kind === 'present' ? '' : `=${h.match.value}`}`)
  if (headers.length > 0) parts.push(`headers are ${headers.join(',')}`)
  return parts.length ? `when ${parts.join(' and ')}` : 'everything'
}
