// `istioctl install -f iop.yaml`: the parts of an IstioOperator the sim honours (profile and gateway switches).
//
// istio.io/latest/docs/setup/additional-setup/customize-installation/: spec.profile picks
// the base profile; spec.components.ingressGateways[] / egressGateways[] with
// `enabled: true|false` add or remove the default gateways (as samples/bookinfo/
// demo-profile-no-gateways.yaml does). spec.meshConfig goes to the istio
// ConfigMap (install.ts); values and k8s overlays are accepted and ignored. A document of another kind is refused as
// istioctl does (assumption on the wording).

import { profileByName, type ComponentName, type Profile } from '../istio/profiles'
import { IstioctlError } from './context'
import type { FileObjects } from './file-input'

type Gateways = { name?: string; enabled?: boolean }[]

export function profileFromOperator(file: FileObjects, setProfile: string | undefined): Profile {
  const iop = file.objects.find(({ object }) => object.kind === 'IstioOperator')?.object
  if (!iop) throw new IstioctlError(`could not generate config: no IstioOperator found in ${file.source}`)
  const spec = (iop.spec ?? {}) as { profile?: string; components?: { ingressGateways?: Gateways; egressGateways?: Gateways } }
  const name = setProfile ?? spec.profile ?? 'default'
  const base = profileByName(name)
  if (!base) throw new IstioctlError(`could not generate config: could not read profile ${name}: profile does not exist`)
  const toggles: [ComponentName, Gateways | undefined][] = [['Egress gateways', spec.components?.egressGateways], ['Ingress gateways', spec.components?.ingressGateways]]
  let components = [...base.components]
  for (const [component, gateways] of toggles) {
    if (!gateways?.length) continue
    const enabled = gateways.some((g) => g.enabled !== false)
    components = components.filter((c) => c !== component)
    if (enabled) components.push(component)
  }
  return { name: base.name, components }
}
