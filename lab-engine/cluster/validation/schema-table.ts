// Schema table: the kubernetes-models / @kubernetes-models/istio model class for each apiVersion + kind the sim serves.
//
// Classes carry the real OpenAPI / CRD schemas compiled to validators
// (github.com/tommy351/kubernetes-models-ts). @kubernetes-models/istio 3.0.1
// ships networking.istio.io and security.istio.io `v1`; were a version missing,
// Istio serves the same spec under v1beta1 (istio.io/latest/docs/reference/config/).

import { ConfigMap } from 'kubernetes-models/v1/ConfigMap'
import { Endpoints } from 'kubernetes-models/v1/Endpoints'
import { Event } from 'kubernetes-models/v1/Event'
import { Namespace } from 'kubernetes-models/v1/Namespace'
import { Node } from 'kubernetes-models/v1/Node'
import { Pod } from 'kubernetes-models/v1/Pod'
import { Secret } from 'kubernetes-models/v1/Secret'
import { Service } from 'kubernetes-models/v1/Service'
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount'
import { Deployment } from 'kubernetes-models/apps/v1/Deployment'
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet'
import { EndpointSlice } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSlice'
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition'
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole'
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding'
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role'
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding'
import * as netV1 from '@kubernetes-models/istio/networking.istio.io/v1'
import * as netV1beta1 from '@kubernetes-models/istio/networking.istio.io/v1beta1'
import * as netV1alpha3 from '@kubernetes-models/istio/networking.istio.io/v1alpha3'
import * as secV1 from '@kubernetes-models/istio/security.istio.io/v1'
import * as secV1beta1 from '@kubernetes-models/istio/security.istio.io/v1beta1'
import * as telV1 from '@kubernetes-models/istio/telemetry.istio.io/v1'
import * as telV1alpha1 from '@kubernetes-models/istio/telemetry.istio.io/v1alpha1'

/** A model class: its prototype's validate() runs the compiled schema on `this` and throws AJV errors. */
export interface ModelClass {
  readonly apiVersion: string
  readonly kind: string
  readonly prototype: { validate(): void }
}

const NETWORKING = ['VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar'] as const
const SECURITY = ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'] as const

function byKind(mod: Record<string, unknown>, kinds: readonly string[]): ModelClass[] {
  return kinds.map((k) => mod[k] as ModelClass | undefined).filter((c): c is ModelClass => c !== undefined)
}

const CLASSES: readonly ModelClass[] = [
  ConfigMap, Endpoints, Event, Namespace, Node, Pod, Secret, Service, ServiceAccount,
  Deployment, ReplicaSet, EndpointSlice, CustomResourceDefinition, ClusterRole, ClusterRoleBinding, Role, RoleBinding,
  ...byKind(netV1, NETWORKING), ...byKind(netV1beta1, NETWORKING), ...byKind(netV1alpha3, [...NETWORKING, 'EnvoyFilter']),
  ...byKind(secV1, SECURITY), ...byKind(secV1beta1, SECURITY),
  ...byKind(telV1, ['Telemetry']), ...byKind(telV1alpha1, ['Telemetry']),
] as unknown as ModelClass[]

const TABLE = new Map<string, ModelClass>(CLASSES.map((c) => [`${c.apiVersion}|${c.kind}`, c]))

/** v1 Istio kinds fall back to v1beta1: Istio serves one spec under both. */
const FALLBACK: Record<string, string> = { 'networking.istio.io/v1': 'networking.istio.io/v1beta1', 'security.istio.io/v1': 'security.istio.io/v1beta1' }

/** The model class validating apiVersion + kind, or undefined when the table has none. */
export function modelFor(apiVersion: string, kind: string): ModelClass | undefined {
  const direct = TABLE.get(`${apiVersion}|${kind}`)
  if (direct) return direct
  const fallback = FALLBACK[apiVersion]
  return fallback ? TABLE.get(`${fallback}|${kind}`) : undefined
}

/** Every apiVersion|kind pair the table covers (for tests). */
export function coveredPairs(): string[] {
  return [...TABLE.keys()]
}
