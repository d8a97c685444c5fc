// Istio's CustomResourceDefinitions: what `istioctl install` applies first ("Istio core") and `uninstall --purge` removes last.
//
// Names follow the base chart of Istio 1.26 (manifests/charts/base/files/crd-all.gen.yaml):
// every Istio kind the sim serves, plus the few it stores nothing for
// (wasmplugins, workloadentries, workloadgroups, proxyconfigs) so `kubectl get crd`
// lists the real fourteen. A kind marked `istio` in cluster/kinds.ts is served
// only while the CRD named `<plural>.<group>` exists (the store checks it).

import { KINDS } from '../cluster/kinds'
import type { ObjectInput } from '../cluster/types'
import { OPERATOR_LABEL } from './version'

interface CrdPlan {
  group: string
  kind: string
  plural: string
  versions: readonly string[]
  shortNames: readonly string[]
}

/** CRDs of kinds the sim has no behaviour for, listed so the set matches a real install. */
const EXTRA_CRDS: readonly CrdPlan[] = [
  { group: 'extensions.istio.io', kind: 'WasmPlugin', plural: 'wasmplugins', versions: ['v1alpha1'], shortNames: [] },
  { group: 'networking.istio.io', kind: 'WorkloadEntry', plural: 'workloadentries', versions: ['v1', 'v1beta1', 'v1alpha3'], shortNames: ['we'] },
  { group: 'networking.istio.io', kind: 'WorkloadGroup', plural: 'workloadgroups', versions: ['v1', 'v1beta1', 'v1alpha3'], shortNames: ['wg'] },
  { group: 'networking.istio.io', kind: 'ProxyConfig', plural: 'proxyconfigs', versions: ['v1beta1'], shortNames: [] },
]

function crdPlans(): CrdPlan[] {
  const served = KINDS.filter((k) => k.istio).map((k) => ({ group: k.group, kind: k.kind, plural: k.plural, versions: k.versions, shortNames: k.shortNames }))
  return [...served, ...EXTRA_CRDS].sort((a, b) => crdName(a).localeCompare(crdName(b)))
}

function crdName(p: { plural: string; group: string }): string {
  return `${p.plural}.${p.group}`
}

/** The names `kubectl get crd` shows after install, sorted. */
export function istioCrdNames(): string[] {
  return crdPlans().map(crdName)
}

/** True for a CRD object that belongs to Istio (its group ends in istio.io). */
export function isIstioCrdName(name: string): boolean {
  return name.endsWith('.istio.io')
}

export function istioCrds(): ObjectInput[] {
  return crdPlans().map((p) => ({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: crdName(p), labels: { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', release: 'istio', [OPERATOR_LABEL]: 'Base' } },
    spec: {
      group: p.group,
      names: { kind: p.kind, listKind: `${p.kind}List`, plural: p.plural, singular: p.kind.toLowerCase(), ...(p.shortNames.length ? { shortNames: [...p.shortNames] } : {}), categories: ['istio-io'] },
      scope: 'Namespaced',
      versions: p.versions.map((name, i) => ({ name, served: true, storage: i === 0, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } })),
    },
    status: { acceptedNames: { kind: p.kind, plural: p.plural }, storedVersions: [p.versions[0]!], conditions: [{ type: 'Established', status: 'True', reason: 'InitialNamesAccepted' }] },
  }))
}
