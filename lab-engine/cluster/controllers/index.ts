// Controllers: starts the sim's control loops (scheduler and kubelet stages, Deployment, ReplicaSet, Service, Endpoints) on a store.
//
// Each loop is level-triggered, as kube-controller-manager's are
// (kubernetes.io/docs/concepts/architecture/controller/): it reads the current
// state on every watch event and writes only what differs, so objects created
// by bootstrap that already match (the kind cluster's Running pods, coredns'
// ReplicaSet) are left as they are.

import type { Clock } from '../../core/clock'
import { DisposableStore, type Disposable } from '../../core/disposable'
import type { Rng } from '../../core/rng'
import type { ObjectStore } from '../store'
import type { ControllerDeps } from './controller-deps'
import { DeploymentController } from './deployment-controller'
import { EndpointsController } from './endpoints-controller'
import { EventRecorder } from './event-recorder'
import { startPodLifecycle } from './pod-lifecycle'
import { ReplicaSetController } from './replicaset-controller'
import { ServiceController } from './service-controller'

export interface StartControllersOptions {
  store: ObjectStore
  clock: Clock
  rng: Rng
  /** Where refused writes go (object limit, races); default: dropped, as a controller would retry. */
  onError?: (err: unknown) => void
}

export { EventRecorder, type EventSpec } from './event-recorder'
export { podTemplateHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash'
export { REVISION_ANNOTATION } from './deployment-controller'
export { isPodReady } from './replicaset-controller'

/** Starts every controller; dispose() stops them and cancels their pending timers. */
export function startControllers(opts: StartControllersOptions): Disposable {
  const recorder = new EventRecorder(opts.store, opts.clock)
  const deps: ControllerDeps = { ...opts, recorder }
  const all = new DisposableStore()
  all.add(new ServiceController(deps).start())
  all.add(new EndpointsController(deps).start())
  all.add(new ReplicaSetController(deps).start())
  all.add(new DeploymentController(deps).start())
  all.add(startPodLifecycle(deps))
  return all
}
