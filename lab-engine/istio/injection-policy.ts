// Whether Istio's sidecar injector webhook injects a pod: namespace and pod labels, per Istio's precedence rules.
//
// istio.io/latest/docs/setup/additional-setup/sidecar-injection/#controlling-the-injection-policy:
//   1. If either the namespace label `istio-injection` or the pod label
//      `sidecar.istio.io/inject` says disabled/"false", the pod is not injected.
//   2. If either says enabled/"true", the pod is injected.
//   3. Otherwise it is not (enableNamespacesByDefault is false).
// A namespace labelled `istio.io/rev=<rev>` (and no istio-injection label) enables
// injection by that revision; the sim installs only the "default" revision, so
// another revision name matches no webhook and nothing is injected.
// The deprecated pod annotation `sidecar.istio.io/inject: "false"` is still honoured
// by the injector itself. The webhook never sees kube-system/kube-public pods, and
// host-network pods are skipped.

import type { Labels } from '../cluster/types'

export interface InjectionInput {
  namespace: string
  namespaceLabels: Labels
  podLabels: Labels
  podAnnotations: Record<string, string>
  hostNetwork: boolean
  /** The pod already carries sidecar.istio.io/status (injected earlier, e.g. by kube-inject). */
  alreadyInjected: boolean
}

const EXCLUDED_NAMESPACES = ['kube-system', 'kube-public']

export function shouldInject(p: InjectionInput): boolean {
  if (EXCLUDED_NAMESPACES.includes(p.namespace) || p.hostNetwork || p.alreadyInjected) return false
  if (p.podAnnotations['sidecar.istio.io/inject'] === 'false') return false
  const ns = p.namespaceLabels['istio-injection']
  const pod = p.podLabels['sidecar.istio.io/inject']
  if (ns === 'disabled' || pod === 'false') return false
  if (ns === 'enabled' || pod === 'true') return true
  if (ns === undefined && p.namespaceLabels['istio.io/rev'] === 'default') return true
  return false
}
