// The course's modules in order (folder names fixed in DESIGN.md). The module
// reader replaces these summaries with the modules' own frontmatter.
export interface ModuleOutline {
  slug: string
  title: string
  summary: string
}

export const COURSE_OUTLINE: readonly ModuleOutline[] = [
  { slug: '01-kubernetes-foundations', title: 'Kubernetes foundations', summary: 'Pods, Deployments, Services and DNS, ConfigMaps and Secrets, and the kubectl commands that matter.' },
  { slug: '02-istio-architecture', title: 'Istio architecture', summary: 'The control plane and the Envoy sidecars, injection, and what istioctl shows you.' },
  { slug: '03-traffic-management', title: 'Traffic management', summary: 'VirtualServices and DestinationRules: canaries, header routing, faults, timeouts and circuit breakers.' },
  { slug: '04-security', title: 'Security', summary: 'Mutual TLS, PeerAuthentication, AuthorizationPolicy and JWT with RequestAuthentication.' },
  { slug: '05-policies-and-telemetry', title: 'Policies and telemetry', summary: 'Metrics, traces and access logs; what Prometheus, Grafana, Jaeger and Kiali show.' },
  { slug: '06-performance-and-scalability', title: 'Performance and scalability', summary: 'Load testing with fortio, connection pools, outlier detection and Sidecar scoping.' },
  { slug: '07-capstone', title: 'Capstone', summary: 'Put it together: secure, observe and roll out a change to a mesh of your own.' },
]
