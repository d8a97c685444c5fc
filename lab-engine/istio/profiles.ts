// Install profiles: which components each `istioctl install --set profile=x` turns on.
//
// istio.io/latest/docs/setup/additional-setup/config-profiles/ ("Deployment profiles" table):
// default = core + istiod + ingress gateway; demo adds the egress gateway; minimal is
// istiod only. Other profiles (ambient, empty, preview, remote...) are not modelled.

export type ComponentName = 'Istio core' | 'Istiod' | 'Egress gateways' | 'Ingress gateways'

export interface Profile {
  name: string
  /** In the order istioctl reports them while installing. */
  components: readonly ComponentName[]
}

export const PROFILES: readonly Profile[] = [
  { name: 'default', components: ['Istio core', 'Istiod', 'Ingress gateways'] },
  { name: 'demo', components: ['Istio core', 'Istiod', 'Egress gateways', 'Ingress gateways'] },
  { name: 'minimal', components: ['Istio core', 'Istiod'] },
]

/** The emoji istioctl prints after each component (istioctl/pkg/install/k8sversion + operator/pkg/util/progress). */
export const COMPONENT_EMOJI: Record<ComponentName, string> = {
  'Istio core': '⛵️',
  Istiod: '🧠',
  'Egress gateways': '🛫',
  'Ingress gateways': '🛬',
}

export function profileByName(name: string): Profile | undefined {
  return PROFILES.find((p) => p.name === name)
}
