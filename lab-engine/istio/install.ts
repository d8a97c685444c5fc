// Installing and purging Istio in the store: what `istioctl install` and `istioctl uninstall --purge` change.
//
// Install creates what is missing and leaves existing objects alone (a second
// `istioctl install` changes nothing). Purge removes every object the install
// created, every Istio resource in every namespace, then the CRDs — but not the
// istio-system namespace: istio.io/latest/docs/setup/install/istioctl/#uninstall-istio
// says to delete it by hand (`kubectl delete namespace istio-system`).

import { kindFor } from '../cluster/kinds'
import type { ObjectStore } from '../cluster/store'
import type { KubeObject, ObjectInput } from '../cluster/types'
import { isIstioCrdName } from './crds'
import { componentObjects } from './install-objects'
import type { ComponentName, Profile } from './profiles'
import { ISTIO_NAMESPACE, OPERATOR_LABEL } from './version'

/** Creates one component's objects; returns how many were new. */
export function installComponent(store: ObjectStore, component: ComponentName, profile: Profile): number {
  let created = 0
  for (const obj of componentObjects(component, profile)) {
    if (exists(store, obj)) continue
    store.create(obj)
    created++
  }
  return created
}

function exists(store: ObjectStore, obj: ObjectInput): boolean {
  return store.get({ kind: obj.kind, apiVersion: obj.apiVersion, name: String(obj.metadata.name), namespace: obj.metadata.namespace }) !== undefined
}

/** True once istiod's Deployment exists (what `istioctl version` and `verify-install` look for). */
export function controlPlaneInstalled(store: ObjectStore): boolean {
  return store.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: ISTIO_NAMESPACE, name: 'istiod' }) !== undefined
}

/** Objects uninstall --purge removes, in removal order: installed workloads, Istio resources, then CRDs. */
export function purgeTargets(store: ObjectStore): KubeObject[] {
  const installed = ['Deployment', 'Service', 'ServiceAccount', 'ConfigMap'].flatMap((kind) =>
    store.list({ kind, namespace: ISTIO_NAMESPACE }).filter((o) => o.metadata.labels?.[OPERATOR_LABEL] !== undefined))
  const crds = store.list({ kind: 'CustomResourceDefinition' }).filter((c) => isIstioCrdName(c.metadata.name))
  const resources = crds.flatMap((crd) => istioResourcesOf(store, crd))
  return [...installed, ...resources, ...crds]
}

function istioResourcesOf(store: ObjectStore, crd: KubeObject): KubeObject[] {
  const spec = crd.spec as { group?: string; names?: { kind?: string }; versions?: { name: string }[] } | undefined
  const version = spec?.versions?.[0]?.name
  if (!spec?.group || !spec.names?.kind || !version) return []
  const apiVersion = `${spec.group}/${version}`
  if (!kindFor(apiVersion, spec.names.kind)) return []
  return store.list({ kind: spec.names.kind, apiVersion })
}

/** Deletes the purge targets; returns the ones removed (dependents such as pods are not listed). */
export function purgeIstio(store: ObjectStore): KubeObject[] {
  const removed: KubeObject[] = []
  for (const obj of purgeTargets(store)) {
    const ref = { kind: obj.kind, apiVersion: obj.apiVersion, name: obj.metadata.name, namespace: obj.metadata.namespace }
    if (!store.get(ref)) continue
    store.delete(ref)
    removed.push(obj)
  }
  return removed
}

/** `apps/v1, Kind=Deployment/istiod.istio-system.` — how istioctl names a removed object. */
export function removedLine(obj: KubeObject): string {
  const gv = obj.apiVersion.includes('/') ? obj.apiVersion : `/${obj.apiVersion}`
  return `  Removed ${gv}, Kind=${obj.kind}/${obj.metadata.name}.${obj.metadata.namespace ?? ''}.`
}
