// Istio's sidecar injector as a store admission hook: on Pod create, inject when Istio is installed and policy says so.
//
// Real Istio runs a MutatingWebhookConfiguration that only exists while istiod is
// installed; the sim stands in for it with "the istio-sidecar-injector ConfigMap
// exists in istio-system". Pods created before the namespace was labelled are not
// touched: admission only runs on create (restart or delete them to get a sidecar).

import type { AdmissionHook, ObjectStore } from '../cluster/store'
import type { ObjectInput } from '../cluster/types'
import { shouldInject } from './injection-policy'
import { injectTemplate, STATUS_ANNOTATION, workloadNameOf } from './sidecar-template'
import { ISTIO_NAMESPACE } from './version'

export function injectorInstalled(store: ObjectStore): boolean {
  return store.get({ kind: 'ConfigMap', apiVersion: 'v1', namespace: ISTIO_NAMESPACE, name: 'istio-sidecar-injector' }) !== undefined
}

export const sidecarInjector: AdmissionHook = (input, { store, namespace }) => {
  if (input.kind !== 'Pod' || input.apiVersion !== 'v1' || !injectorInstalled(store)) return input
  const ns = store.get({ kind: 'Namespace', apiVersion: 'v1', name: namespace })
  const spec = (input.spec ?? {}) as Record<string, unknown>
  const meta = input.metadata ?? {}
  const inject = shouldInject({
    namespace,
    namespaceLabels: ns?.metadata.labels ?? {},
    podLabels: meta.labels ?? {},
    podAnnotations: meta.annotations ?? {},
    hostNetwork: spec.hostNetwork === true,
    alreadyInjected: meta.annotations?.[STATUS_ANNOTATION] !== undefined,
  })
  return inject ? injectPod(input) : input
}

export function injectPod(pod: ObjectInput): ObjectInput {
  const meta = pod.metadata ?? {}
  const injected = injectTemplate(meta, (pod.spec ?? {}) as Record<string, unknown>, workloadNameOf(meta))
  return { ...pod, metadata: { ...meta, ...injected.metadata }, spec: injected.spec }
}
