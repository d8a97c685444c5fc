// Owner references as controllers use them: who controls an object, and the reference to write on a dependent.
//
// kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/:
// a dependent names at most one owner with controller: true; blockOwnerDeletion
// makes foreground deletion wait for it.

import type { KubeObject, OwnerReference } from '../types'

export function controllerRefOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true)
}

/** True when obj's controller is owner (same uid). */
export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return controllerRefOf(obj)?.uid === owner.metadata.uid
}

export function controllerRefTo(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true }
}
