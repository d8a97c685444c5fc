// The sidecar injection template: what Istio's injector adds to a pod (metadata, istio-init, istio-proxy, volumes).
//
// Shapes follow the `sidecar` template of Istio 1.26 (manifests/charts/istio-control/
// istio-discovery/files/injection-template.yaml) with native sidecars off: an
// `istio-init` init container runs istio-iptables, `istio-proxy` is appended to
// containers with port 15090 http-envoy-prom and a readiness probe on
// 15021 /healthz/ready. Labels: security.istio.io/tlsMode=istio,
// service.istio.io/canonical-name (app.kubernetes.io/name, else app, else the
// workload name) and canonical-revision (app.kubernetes.io/version, else version,
// else "latest"). Env, security contexts and the full volume set are trimmed.

import { PROXY_IMAGE } from './version'

type Obj = Record<string, unknown>
type Meta = { name?: string; generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string> }

const STATUS_ANNOTATION = 'sidecar.istio.io/status'
const VOLUMES = ['workload-socket', 'credential-socket', 'workload-certs', 'istio-envoy', 'istio-data', 'istio-podinfo', 'istio-token', 'istiod-ca-cert', 'istio-ca-crl']

export { STATUS_ANNOTATION }

const STATUS_VALUE = JSON.stringify({ initContainers: ['istio-init'], containers: ['istio-proxy'], volumes: VOLUMES, imagePullSecrets: null, revision: 'default' })

/** Returns the pod template (metadata + spec) with the sidecar added; input is not modified. */
export function injectTemplate(metadata: Meta, spec: Obj, workloadName: string): { metadata: Meta; spec: Obj } {
  const labels = { ...(metadata.labels ?? {}) }
  const containers = Array.isArray(spec.containers) ? (spec.containers as Obj[]) : []
  const firstContainer = String(containers[0]?.name ?? '')
  return {
    metadata: {
      ...metadata,
      labels: {
        ...labels,
        'security.istio.io/tlsMode': 'istio',
        'service.istio.io/canonical-name': labels['service.istio.io/canonical-name'] ?? labels['app.kubernetes.io/name'] ?? labels.app ?? workloadName,
        'service.istio.io/canonical-revision': labels['service.istio.io/canonical-revision'] ?? labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest',
      },
      annotations: {
        ...(metadata.annotations ?? {}),
        'istio.io/rev': 'default',
        'kubectl.kubernetes.io/default-container': firstContainer,
        'kubectl.kubernetes.io/default-logs-container': firstContainer,
        'prometheus.io/path': '/stats/prometheus',
        'prometheus.io/port': '15020',
        'prometheus.io/scrape': 'true',
        [STATUS_ANNOTATION]: STATUS_VALUE,
      },
    },
    spec: {
      ...spec,
      initContainers: [...(Array.isArray(spec.initContainers) ? (spec.initContainers as Obj[]) : []), istioInit()],
      containers: [...containers, istioProxy(appPorts(containers))],
      volumes: [...(Array.isArray(spec.volumes) ? (spec.volumes as Obj[]) : []), ...volumes()],
    },
  }
}

/** The workload name Istio derives for a bare pod: its name, or its generateName's ReplicaSet prefix minus the hash. */
export function workloadNameOf(meta: Meta): string {
  if (meta.name) return meta.name
  const parts = (meta.generateName ?? '').replace(/-$/, '').split('-')
  return parts.length > 1 ? parts.slice(0, -1).join('-') : parts[0] ?? ''
}

function appPorts(containers: Obj[]): Obj[] {
  return containers.flatMap((c) => (Array.isArray(c.ports) ? (c.ports as Obj[]) : []))
}

function istioInit(): Obj {
  return {
    name: 'istio-init', image: PROXY_IMAGE, imagePullPolicy: 'IfNotPresent',
    args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', '*', '-x', '', '-b', '*', '-d', '15090,15021,15020', '--log_output_level=default:info'],
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: false, runAsGroup: 0, runAsNonRoot: false, runAsUser: 0 },
  }
}

function istioProxy(ports: Obj[]): Obj {
  return {
    name: 'istio-proxy', image: PROXY_IMAGE, imagePullPolicy: 'IfNotPresent',
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
    env: [
      { name: 'PILOT_CERT_PROVIDER', value: 'istiod' },
      { name: 'CA_ADDR', value: 'istiod.istio-system.svc:15012' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'INSTANCE_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
      { name: 'ISTIO_META_APP_CONTAINERS', value: '' },
      { name: 'ISTIO_META_POD_PORTS', value: JSON.stringify(ports) },
    ],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
    readinessProbe: { failureThreshold: 4, httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, periodSeconds: 15, successThreshold: 1, timeoutSeconds: 3 },
    startupProbe: { failureThreshold: 600, httpGet: { path: '/healthz/ready', port: 15021, scheme: 'HTTP' }, periodSeconds: 1, successThreshold: 1, timeoutSeconds: 3 },
    resources: { limits: { cpu: '2', memory: '1Gi' }, requests: { cpu: '10m', memory: '40Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsGroup: 1337, runAsNonRoot: true, runAsUser: 1337 },
    volumeMounts: [
      { mountPath: '/var/run/secrets/workload-spiffe-uds', name: 'workload-socket' },
      { mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' },
      { mountPath: '/var/lib/istio/data', name: 'istio-data' },
      { mountPath: '/etc/istio/proxy', name: 'istio-envoy' },
      { mountPath: '/var/run/secrets/tokens', name: 'istio-token' },
      { mountPath: '/etc/istio/pod', name: 'istio-podinfo' },
    ],
  }
}

function volumes(): Obj[] {
  return [
    { name: 'workload-socket', emptyDir: {} },
    { name: 'credential-socket', emptyDir: {} },
    { name: 'workload-certs', emptyDir: {} },
    { name: 'istio-envoy', emptyDir: { medium: 'Memory' } },
    { name: 'istio-data', emptyDir: {} },
    { name: 'istio-podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] } },
    { name: 'istio-token', projected: { sources: [{ serviceAccountToken: { audience: 'istio-ca', expirationSeconds: 43200, path: 'istio-token' } }] } },
    { name: 'istiod-ca-cert', configMap: { name: 'istio-ca-root-cert' } },
    { name: 'istio-ca-crl', configMap: { name: 'istio-ca-crl', optional: true } },
  ]
}
