// The DestinationRule, VirtualService and ingress lines of `istioctl x describe pod`, from compiled config plus the rules themselves.
//
// Follows istioctl's describe command (istio/istio istioctl/pkg/describe): for each port of
// each Service selecting the pod, the DestinationRule the pod's own proxy uses for that
// service (printDestinationRule: matching and non-matching subsets, "No Traffic Policy" or
// "Traffic Policy TLS Mode: X" and "load balancer/connection pool/..."), then the
// VirtualService that owns the service's route (printVirtualService: per matching rule
// "Weight N%" and the rendered matches; "N additional destination(s) that will not reach
// this pod"; a WARNING when no rule reaches it; otherwise "N HTTP route(s)"), and finally
// how the ingress gateway exposes the service ("Exposed on Ingress Gateway http://<ip>").
// Output examples: istio.io/latest/docs/ops/diagnostic-tools/istioctl-describe/.
// Assumption: fault injection facts print as "Fault injection" plus the fault's JSON
// (istioctl prints the protobuf's text form).

import type { ObjectStore } from '../../cluster/store'
import type { KubeObject, Labels } from '../../cluster/types'
import { ISTIO_NAMESPACE } from '../../istio/version'
import { compileMesh, type MeshConfigSnapshot } from './compile'
import { fqdn } from './hosts'
import type { DestinationRuleSpec, HttpMatchRequest, HttpRoute, IstioStringMatch, VirtualServiceSpec } from './istio-specs'
import type { MeshService } from './registry'
import type { ConfigRef, ProxyConfig } from './types'

interface RuleView { ref: ConfigRef; spec: DestinationRuleSpec; matching: string[]; nonmatching: string[] }

export function describeRoutes(store: ObjectStore, pod: string, namespace: string): string {
  const snapshot = compileMesh(store)
  const cfg = snapshot.forPod(namespace, pod)
  if (!cfg) return ''
  const own = snapshot.services.filter((s) => !s.serviceEntry && s.instances.some((i) => i.endpoint.pod?.name === pod && i.endpoint.pod.namespace === namespace))
  return own.map((svc) => describeService(store, cfg, svc, namespace)).join('') + ingressInfo(store, snapshot, own, cfg.proxy.labels, namespace)
}

function kname(ref: { name: string; namespace: string }, namespace: string): string {
  return ref.namespace === namespace ? ref.name : `${ref.name}.${ref.namespace}`
}

function describeService(store: ObjectStore, cfg: ProxyConfig, svc: MeshService, ns: string): string {
  let out = ''
  for (const port of svc.ports) {
    const prefix = svc.ports.length > 1 ? `${port.port} ` : ''
    const dr = ruleView(store, cfg, svc, port.port, cfg.proxy.labels)
    if (dr) out += prefix + printDestinationRule(dr, ns)
    const vs = virtualServiceFor(store, cfg, String(port.port), svc, port.port)
    if (vs) out += prefix + printVirtualService(vs, svc, dr, ns)
  }
  return out
}

function ruleView(store: ObjectStore, cfg: ProxyConfig, svc: MeshService, port: number, labels: Labels): RuleView | undefined {
  const ref = cfg.clusters.get(`outbound|${port}||${svc.hostname}`)?.destinationRule
  const obj = ref && store.get({ kind: 'DestinationRule', name: ref.name, namespace: ref.namespace })
  if (!ref || !obj) return undefined
  const spec = (obj.spec ?? {}) as DestinationRuleSpec
  const subsets = spec.subsets ?? []
  const fits = (l: Labels | undefined) => Object.entries(l ?? {}).every(([k, v]) => labels[k] === v)
  return { ref, spec, matching: subsets.filter((s) => fits(s.labels)).map((s) => s.name ?? ''), nonmatching: subsets.filter((s) => !fits(s.labels)).map((s) => s.name ?? '') }
}

function printDestinationRule(dr: RuleView, ns: string): string {
  let out = `DestinationRule: ${kname(dr.ref, ns)} for "${dr.spec.host ?? ''}"\n`
  if (dr.matching.length > 0 || dr.nonmatching.length > 0) {
    if (dr.matching.length === 0) out += `  WARNING POD DOES NOT MATCH ANY SUBSETS.  (Non matching subsets ${dr.nonmatching.join(',')})\n`
    out += `   Matching subsets: ${dr.matching.join(',')}\n`
    if (dr.nonmatching.length > 0) out += `      (Non-matching subsets ${dr.nonmatching.join(',')})\n`
  }
  const tp = dr.spec.trafficPolicy
  if (!tp) return out + '   No Traffic Policy\n'
  if (tp.tls?.mode) out += `   Traffic Policy TLS Mode: ${tp.tls.mode}\n`
  const extra = ([['loadBalancer', 'load balancer'], ['connectionPool', 'connection pool'], ['outlierDetection', 'outlier detection'], ['portLevelSettings', 'port level settings']] as const).filter(([k]) => tp[k]).map(([, n]) => n)
  return extra.length > 0 ? `${out}   ${extra.join('/')}\n` : out
}

/** The VirtualService behind the first route (in route configs `<port>` or `http.*`) that sends to this service. */
function virtualServiceFor(store: ObjectStore, cfg: ProxyConfig, routeName: string, svc: MeshService, port: number): { ref: ConfigRef; spec: VirtualServiceSpec } | undefined {
  for (const rc of cfg.routes.values()) {
    if (rc.name !== routeName && !rc.name.startsWith('http.')) continue
    for (const vh of rc.virtualHosts) {
      const owns = vh.domains.includes(svc.hostname)
      const route = vh.routes.find((r) => r.origin && (owns || (r.action.kind === 'forward' && r.action.clusters.length === 1 && r.action.clusters[0]!.host === svc.hostname && r.action.clusters[0]!.port === port)))
      if (!route?.origin) continue
      const ref = route.origin.virtualService
      const obj = store.get({ kind: 'VirtualService', name: ref.name, namespace: ref.namespace })
      if (obj) return { ref, spec: (obj.spec ?? {}) as VirtualServiceSpec }
    }
  }
  return undefined
}

function printVirtualService(vs: { ref: ConfigRef; spec: VirtualServiceSpec }, svc: MeshService, dr: RuleView | undefined, ns: string): string {
  let out = `VirtualService: ${kname(vs.ref, ns)}\n`
  let matches = 0
  let facts = 0
  const mismatchNotes: string[] = []
  const http = vs.spec.http ?? []
  for (const rule of http) {
    const r = httpRuleFacts(vs.ref, rule, svc, dr, ns)
    if (r.match) {
      matches++
      for (const f of r.facts) { out += `   ${f}\n`; facts++ }
    } else {
      mismatchNotes.push(...r.facts)
    }
  }
  for (const rule of vs.spec.tcp ?? []) {
    if ((rule.route ?? []).some((d) => fqdn(d.destination?.host ?? '', vs.ref.namespace) === svc.hostname)) matches++
  }
  const tcp = vs.spec.tcp ?? []
  if (matches === 0) {
    if (http.length > 0) out += `   WARNING: No destinations match pod subsets (checked ${http.length} HTTP routes)\n`
    if (tcp.length > 0) out += `   WARNING: No destinations match pod subsets (checked ${tcp.length} TCP routes)\n`
    return out + mismatchNotes.map((m) => `      ${m}\n`).join('')
  }
  const possible = http.length + (vs.spec.tls ?? []).length + tcp.length
  if (matches < possible) {
    out += `   ${possible - matches} additional destination(s) that will not reach this pod\n`
    return facts === 0 ? out + mismatchNotes.map((m) => `      ${m}\n`).join('') : out
  }
  if (facts === 0) {
    if (http.length > 0) out += `   ${http.length} HTTP route(s)\n`
    if (tcp.length > 0) out += `   ${tcp.length} TCP route(s)\n`
  }
  return out
}

/** istioctl's httpRouteMatchSvc: does any destination of this rule reach the pod, and what to say about it. */
function httpRuleFacts(vsRef: ConfigRef, rule: HttpRoute, svc: MeshService, dr: RuleView | undefined, ns: string): { match: boolean; facts: string[] } {
  const facts: string[] = []
  const mismatch: string[] = []
  let match = false
  for (const dest of rule.route ?? []) {
    const host = dest.destination?.host ?? ''
    if (fqdn(host, vsRef.namespace) !== svc.hostname) { mismatch.push(`Route to ${host}`); continue }
    const subset = dest.destination?.subset
    if (subset) {
      if (dr?.nonmatching.includes(subset)) { mismatch.push(`Route to non-matching subset ${subset} for (${renderMatches(rule.match)})`); continue }
      if (!dr?.matching.includes(subset)) {
        mismatch.push(dr ? `Warning: Route to UNKNOWN subset ${subset}; check DestinationRule ${kname(dr.ref, ns)}` : `Warning: Route to subset ${subset} but NO DESTINATION RULE defining subsets!`)
        continue
      }
    }
    match = true
    if ((dest.weight ?? 0) > 0) facts.push(`Weight ${dest.weight}%`)
  }
  if (match) {
    const req = [...(rule.fault ? [`Fault injection ${JSON.stringify(rule.fault)}`] : []), ...(rule.match ?? []).map(renderMatch)]
    if (req.length > 0) facts.push(req.join(', '))
    return { match, facts }
  }
  return { match, facts: mismatch }
}

function renderStringMatch(sm: IstioStringMatch | undefined): string {
  if (!sm) return ''
  if (sm.exact !== undefined) return sm.exact
  if (sm.prefix !== undefined) return `${sm.prefix}*`
  return `regex:${JSON.stringify(sm.regex ?? '')}`
}

function renderMatches(matches: HttpMatchRequest[] | undefined): string {
  return matches && matches.length > 0 ? matches.map(renderMatch).join(', ') : 'everything'
}

function renderMatch(m: HttpMatchRequest): string {
  let out = ''
  if (m.uri) out += renderStringMatch(m.uri) + (m.ignoreUriCase ? ' uncased' : '')
  const headers = Object.entries(m.headers ?? {}).map(([k, v]) => `${k}=${renderStringMatch(v)}`)
  if (headers.length > 0) out += ` when headers are ${headers.join('; ')}`
  return out.trim()
}

/** printIngressInfo: the first running ingress gateway pod's routes to these services, with the gateway's address. */
function ingressInfo(store: ObjectStore, snapshot: MeshConfigSnapshot, services: MeshService[], podLabels: Labels, ns: string): string {
  const gwPod = store.list({ kind: 'Pod', namespace: ISTIO_NAMESPACE, labelSelector: 'istio=ingressgateway' }).find((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running')
  const gwSvc = store.list({ kind: 'Service', namespace: ISTIO_NAMESPACE, labelSelector: 'istio=ingressgateway' })[0]
  const gwCfg = gwPod && snapshot.forPod(ISTIO_NAMESPACE, gwPod.metadata.name)
  if (!gwPod || !gwSvc || !gwCfg) return ''
  let out = ''
  services.forEach((svc, row) => {
    for (const port of svc.ports) {
      const vs = virtualServiceFor(store, gwCfg, String(port.port), svc, port.port)
      if (!vs) continue
      out += row === 0 ? '\n' : '--------------------\n'
      out += exposedLine(gwSvc, gwPod)
      out += printVirtualService(vs, svc, ruleView(store, gwCfg, svc, port.port, podLabels), ns)
    }
  })
  return out
}

/** "Exposed on Ingress Gateway http://<LoadBalancer IP or host IP>[:port]" for the gateway Service's http2 port. */
function exposedLine(svc: KubeObject, pod: KubeObject): string {
  const ports = ((svc.spec as { ports?: { name?: string; port: number; protocol?: string }[] } | undefined)?.ports ?? []).filter((p) => p.name === 'http2' && (p.protocol ?? 'TCP') === 'TCP')
  const ingress = (svc.status as { loadBalancer?: { ingress?: { ip?: string }[] } } | undefined)?.loadBalancer?.ingress?.[0]?.ip
  const ip = ingress ?? (pod.status as { hostIP?: string } | undefined)?.hostIP ?? 'unknown'
  return ports.map((p) => `\nExposed on Ingress Gateway http://${ip}${p.port === 80 ? '' : `:${p.port}`}\n`).join('')
}
