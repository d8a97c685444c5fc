// The Istio networking specs as the compiler reads them (networking.istio.io v1; v1beta1/v1alpha3 share them).
//
// Field names follow the Istio reference pages for VirtualService, DestinationRule,
// Gateway and Sidecar. Everything is optional: the store keeps what the learner
// applied (validation is the cluster layer's job), so readers tolerate gaps.

import type { KubeObject, Labels } from '../../cluster/types'
import { fqdn } from './hosts'
import type { ConfigRef } from './types'

export interface IstioStringMatch { exact?: string; prefix?: string; regex?: string }

export interface HttpMatchRequest {
  name?: string
  uri?: IstioStringMatch
  scheme?: IstioStringMatch
  method?: IstioStringMatch
  authority?: IstioStringMatch
  headers?: Record<string, IstioStringMatch>
  withoutHeaders?: Record<string, IstioStringMatch>
  queryParams?: Record<string, IstioStringMatch>
  port?: number
  sourceLabels?: Labels
  sourceNamespace?: string
  gateways?: string[]
  ignoreUriCase?: boolean
}

export interface IstioDestination { host?: string; subset?: string; port?: { number?: number } }

export interface IstioHeaderOps { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] }
export interface IstioHeaders { request?: IstioHeaderOps; response?: IstioHeaderOps }

export interface HttpRouteDestination { destination?: IstioDestination; weight?: number; headers?: IstioHeaders }

export interface Percent { value?: number }

export interface HttpRoute {
  name?: string
  match?: HttpMatchRequest[]
  route?: HttpRouteDestination[]
  redirect?: { uri?: string; authority?: string; port?: number; scheme?: string; redirectCode?: number; derivePort?: string }
  directResponse?: { status?: number; body?: { string?: string; bytes?: string } }
  rewrite?: { uri?: string; authority?: string; uriRegexRewrite?: { match?: string; rewrite?: string } }
  timeout?: string
  retries?: { attempts?: number; perTryTimeout?: string; retryOn?: string }
  fault?: {
    delay?: { fixedDelay?: string; percentage?: Percent; percent?: number }
    abort?: { httpStatus?: number; grpcStatus?: string; percentage?: Percent }
  }
  mirror?: IstioDestination
  mirrorPercentage?: Percent
  mirrors?: { destination?: IstioDestination; percentage?: Percent }[]
  corsPolicy?: {
    allowOrigins?: IstioStringMatch[]
    allowMethods?: string[]
    allowHeaders?: string[]
    exposeHeaders?: string[]
    maxAge?: string
    allowCredentials?: boolean
  }
  headers?: IstioHeaders
}

export interface TlsRoute { match?: { sniHosts?: string[]; port?: number; gateways?: string[] }[]; route?: HttpRouteDestination[] }
export interface TcpRoute { match?: { port?: number; gateways?: string[]; sourceLabels?: Labels }[]; route?: HttpRouteDestination[] }

export interface VirtualServiceSpec {
  hosts?: string[]
  gateways?: string[]
  http?: HttpRoute[]
  tls?: TlsRoute[]
  tcp?: TcpRoute[]
  exportTo?: string[]
}

export interface TrafficPolicySpec {
  loadBalancer?: {
    simple?: string
    consistentHash?: { httpHeaderName?: string; httpCookie?: { name?: string; ttl?: string; path?: string }; useSourceIp?: boolean; httpQueryParameterName?: string }
  }
  connectionPool?: {
    tcp?: { maxConnections?: number; connectTimeout?: string }
    http?: { http1MaxPendingRequests?: number; http2MaxRequests?: number; maxRequestsPerConnection?: number; maxRetries?: number; idleTimeout?: string }
  }
  outlierDetection?: {
    consecutiveErrors?: number
    consecutive5xxErrors?: number
    consecutiveGatewayErrors?: number
    consecutiveLocalOriginFailures?: number
    interval?: string
    baseEjectionTime?: string
    maxEjectionPercent?: number
    minHealthPercent?: number
  }
  tls?: { mode?: string; sni?: string; credentialName?: string; insecureSkipVerify?: boolean }
  portLevelSettings?: (Omit<TrafficPolicySpec, 'portLevelSettings'> & { port?: { number?: number } })[]
}

export interface SubsetSpec { name?: string; labels?: Labels; trafficPolicy?: TrafficPolicySpec }

export interface DestinationRuleSpec {
  host?: string
  trafficPolicy?: TrafficPolicySpec
  subsets?: SubsetSpec[]
  exportTo?: string[]
  workloadSelector?: { matchLabels?: Labels }
}

export interface GatewayServer {
  port?: { number?: number; name?: string; protocol?: string; targetPort?: number }
  hosts?: string[]
  name?: string
  tls?: { mode?: string; credentialName?: string; httpsRedirect?: boolean }
}

export interface GatewaySpec { selector?: Labels; servers?: GatewayServer[] }

export interface SidecarSpec {
  workloadSelector?: { labels?: Labels }
  egress?: { hosts?: string[]; port?: { number?: number } }[]
  outboundTrafficPolicy?: { mode?: string }
}

/** One Istio resource with its typed spec and identity. */
export interface IstioResource<Spec> {
  ref: ConfigRef
  spec: Spec
  /** creationTimestamp then namespace/name: the order Istio uses when configs conflict (oldest first). */
  order: string
  /** The resource's hosts expanded once (VirtualService hosts, DestinationRule host), lower-case FQDNs or wildcards. */
  hosts: string[]
}

export function istioResource<Spec>(obj: KubeObject, kind: ConfigRef['kind']): IstioResource<Spec> {
  const ns = obj.metadata.namespace ?? 'default'
  const spec = (obj.spec ?? {}) as { hosts?: unknown; host?: unknown }
  const raw = kind === 'VirtualService' ? spec.hosts : kind === 'DestinationRule' ? [spec.host] : []
  const hosts = (Array.isArray(raw) ? raw : []).filter((h): h is string => typeof h === 'string' && h !== '').map((h) => fqdn(h, ns))
  return {
    ref: { kind, name: obj.metadata.name, namespace: ns },
    spec: (obj.spec ?? {}) as Spec,
    order: `${obj.metadata.creationTimestamp}/${ns}/${obj.metadata.name}`,
    hosts,
  }
}

/** Oldest first (Istio sorts configs by creation time, then by namespace and name). */
export function byAge<T extends { order: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
}
