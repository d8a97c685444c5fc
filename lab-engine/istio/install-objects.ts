// The objects one install profile creates, per component, as `istioctl manifest generate` would list them (trimmed).
//
// Shapes follow Istio 1.26's charts (manifests/charts/istio-control/istio-discovery,
// manifests/charts/gateways/istio-ingress and istio-egress): istiod listens on
// 15010 grpc-xds, 15012 https-dns, 443->15017 https-webhook, 15014 http-monitoring;
// the ingress gateway Service is a LoadBalancer with status-port 15021, http2 80->8080,
// https 443->8443 and, in the demo profile, tcp 31400 and tls 15443; the egress
// gateway Service is a ClusterIP with http2 80->8080 and https 443->8443.
// RBAC, webhooks, PodDisruptionBudgets and HPAs are left out: the sim serves no such kinds.
// Gateway pods carry their own istio-proxy container and `sidecar.istio.io/inject: "false"`.

import type { ObjectInput } from '../cluster/types'
import { istioCrds } from './crds'
import { meshConfigMap, sidecarInjectorConfigMap } from './mesh-config'
import type { ComponentName, Profile } from './profiles'
import { ISTIO_NAMESPACE, OPERATOR_LABEL, PILOT_IMAGE, PROXY_IMAGE } from './version'

type Port = { name: string; port: number; targetPort?: number; protocol?: string }

const NS = ISTIO_NAMESPACE

/** Objects per component, in creation order (the namespace itself comes with "Istio core"). */
export function componentObjects(component: ComponentName, profile: Profile): ObjectInput[] {
  switch (component) {
    case 'Istio core': return [namespace(), ...istioCrds()]
    case 'Istiod': return istiod(profile.name)
    case 'Ingress gateways': return gateway('ingress', profile.name === 'demo' ? DEMO_INGRESS_PORTS : DEFAULT_INGRESS_PORTS)
    case 'Egress gateways': return gateway('egress', EGRESS_PORTS)
  }
}

export function profileObjects(profile: Profile): ObjectInput[] {
  return profile.components.flatMap((c) => componentObjects(c, profile))
}

function namespace(): ObjectInput {
  // The API server's namespace strategy sets spec.finalizers and status.phase Active on create.
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'kubernetes.io/metadata.name': NS } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } }
}

function meta(name: string, component: string, labels: Record<string, string> = {}) {
  return { name, namespace: NS, labels: { ...labels, 'install.operator.istio.io/owning-resource': 'unknown', 'istio.io/rev': 'default', [OPERATOR_LABEL]: component } }
}

function istiod(profileName: string): ObjectInput[] {
  const labels = { app: 'istiod', istio: 'pilot' }
  const c = 'Pilot'
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('istiod', c, { app: 'istiod' }) },
    meshConfigMap(meta('istio', c, { app: 'istiod' }), profileName),
    sidecarInjectorConfigMap(meta('istio-sidecar-injector', c, { app: 'sidecar-injector' })),
    deployment('istiod', c, labels, {
      serviceAccountName: 'istiod',
      containers: [{
        name: 'discovery', image: PILOT_IMAGE,
        args: ['discovery', '--monitoringAddr=:15014', '--log_output_level=default:info', '--domain', 'cluster.local', '--keepaliveMaxServerConnectionAge', '30m'],
        ports: [
          { containerPort: 8080, name: 'http-debug', protocol: 'TCP' }, { containerPort: 15010, name: 'grpc-xds', protocol: 'TCP' },
          { containerPort: 15012, name: 'tls-xds', protocol: 'TCP' }, { containerPort: 15017, name: 'https-webhooks', protocol: 'TCP' },
        ],
        readinessProbe: { httpGet: { path: '/ready', port: 8080 }, initialDelaySeconds: 1, periodSeconds: 3, timeoutSeconds: 5 },
        resources: { requests: { cpu: '10m', memory: '100Mi' } },
      }],
    }, { 'sidecar.istio.io/inject': 'false' }),
    service('istiod', c, { app: 'istiod', istio: 'pilot' }, 'ClusterIP', [
      { name: 'grpc-xds', port: 15010 }, { name: 'https-dns', port: 15012 },
      { name: 'https-webhook', port: 443, targetPort: 15017 }, { name: 'http-monitoring', port: 15014 },
    ], labels),
  ]
}

const DEFAULT_INGRESS_PORTS: Port[] = [
  { name: 'status-port', port: 15021 }, { name: 'http2', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 },
]
const DEMO_INGRESS_PORTS: Port[] = [...DEFAULT_INGRESS_PORTS, { name: 'tcp', port: 31400 }, { name: 'tls', port: 15443 }]
const EGRESS_PORTS: Port[] = [{ name: 'http2', port: 80, targetPort: 8080 }, { name: 'https', port: 443, targetPort: 8443 }]

function gateway(direction: 'ingress' | 'egress', ports: Port[]): ObjectInput[] {
  const name = `istio-${direction}gateway`
  const component = direction === 'ingress' ? 'IngressGateways' : 'EgressGateways'
  const labels = { app: name, istio: `${direction}gateway` }
  const sa = `${name}-service-account`
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(sa, component, labels) },
    deployment(name, component, labels, {
      serviceAccountName: sa,
      containers: [{
        name: 'istio-proxy', image: PROXY_IMAGE,
        args: ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
        ports: [
          ...ports.filter((p) => p.name !== 'status-port').map((p) => ({ containerPort: p.targetPort ?? p.port, protocol: 'TCP' })),
          { containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' },
        ],
        readinessProbe: { httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, failureThreshold: 30, initialDelaySeconds: 1, periodSeconds: 2, timeoutSeconds: 1 },
        resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
      }],
    }, { 'sidecar.istio.io/inject': 'false', 'service.istio.io/canonical-name': name, 'service.istio.io/canonical-revision': 'latest' }),
    service(name, component, labels, direction === 'ingress' ? 'LoadBalancer' : 'ClusterIP', ports, labels),
  ]
}

function deployment(name: string, component: string, labels: Record<string, string>, podSpec: Record<string, unknown>, podLabels: Record<string, string> = {}): ObjectInput {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, component, labels),
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { ...labels, ...podLabels, 'istio.io/rev': 'default', [OPERATOR_LABEL]: component }, annotations: { 'prometheus.io/port': '15014', 'prometheus.io/scrape': 'true' } },
        spec: podSpec,
      },
    },
  }
}

function service(name: string, component: string, labels: Record<string, string>, type: string, ports: Port[], selector: Record<string, string>): ObjectInput {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: meta(name, component, labels),
    spec: { type, selector, ports: ports.map((p) => ({ name: p.name, port: p.port, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port })) },
  }
}
