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
// Assumptions: the wording of a route's conditions ("when headers are end-user=jason")
// is modelled on that page and uri conditions use the same style; traffic policies
// other than TLS print as "Policies: connection pool/outlier detection".

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
  const tp = spec.trafficPolicy
  if (!tp) return out + '   No Traffic Policy\n'
  if (tp.tls?.mode) out += `   Traffic Policy TLS Mode: ${tp.tls.mode}\n`
  const names = ([['loadBalancer', 'load balancer'], ['connectionPool', 'connection pool'], ['outlierDetection', 'outlier detection'], ['portLevelSettings', 'port level']] as const).filter(([k]) => tp[k]).map(([, n]) => n)
  if (names.length > 0) out += `   Policies: ${names.join('/')}\n`
  return out
}

type Reach = 'reaches' | 'other-subset' | 'no-rule'

/** Whether a route to `subset` reaches this pod: no subset does; a subset does if the DestinationRule defines it with the pod's labels. */
function subsetsOf(store: ObjectStore, cfg: ProxyConfig, svc: MeshService, port: number): (subset: string | undefined) => Reach {
  const dr = cfg.clusters.get(`outbound|${port}||${svc.hostname}`)?.destinationRule
  const spec = (dr && store.get({ kind: 'DestinationRule', name: dr.name, namespace: dr.namespace })?.spec) as DestinationRuleSpec | undefined
  return (subset) => {
    if (!subset) return 'reaches'
    if (!spec?.subsets?.length) return 'no-rule'
    const s = spec.subsets.find((x) => x.name === subset)
    return s && Object.entries(s.labels ?? {}).every(([k, v]) => cfg.proxy.labels[k] === v) ? 'reaches' : 'other-subset'
  }
}

/**
 * Matching destinations print their weight when split ("Weight 90%"), otherwise the
 * rule count ("1 HTTP route(s)"); destinations that miss the pod are listed, under a
 * WARNING when none reaches it ("checked N HTTP routes" counts the VirtualService's rules).
 */
function describeVirtualService(routes: Route[], host: string, reach: (subset: string | undefined) => Reach): string {
  const out = `VirtualService: ${routes[0]!.origin!.virtualService.name}\n`
  const rules = new Set(routes.map((r) => r.origin!.ruleIndex)).size
  const weights: string[] = []
  const missing: string[] = []
  let reached = 0
  for (const r of routes) {
    if (r.action.kind !== 'forward') continue
    const total = r.action.clusters.reduce((n, c) => n + c.weight, 0)
    for (const c of r.action.clusters.filter((x) => x.host === host)) {
      const verdict = reach(c.subset)
      if (verdict === 'reaches') {
        reached++
        if (c.weight < total) weights.push(`   Weight ${Math.round((100 * c.weight) / total)}%\n`)
      } else if (verdict === 'no-rule') {
        missing.push(`      Warning: Route to subset ${c.subset} but NO DESTINATION RULE defining subsets!\n`)
      } else {
        missing.push(`      Route to non-matching subset ${c.subset} for (${conditions(r.match)})\n`)
      }
    }
  }
  if (reached === 0 && missing.length > 0) return `${out}   WARNING: No destinations match pod subsets (checked ${rules} HTTP routes)\n${missing.join('')}`
  const extra = missing.length > 0 ? `   ${missing.length} additional destination(s) that will not reach this pod\n${missing.join('')}` : ''
  return out + (weights.length > 0 ? weights.join('') : `   ${rules} HTTP route(s)\n`) + extra
}

function conditions(m: RouteMatch): string {
  const parts: string[] = []
  if (!(m.path.kind === 'prefix' && m.path.value === '/')) parts.push(`uri ${m.path.kind} ${m.path.value}`)
  const headers = m.headers.map((h) => `${h.name}${h.match.kind === 'present' ? '' : `=${h.match.value}`}`)
  if (headers.length > 0) parts.push(`headers are ${headers.join(',')}`)
  return parts.length ? `when ${parts.join(' and ')}` : 'everything'
}
