// What every controller is given, and how it survives the API's refusals.

import type { Clock } from '../../core/clock'
import type { Rng } from '../../core/rng'
import { ApiError } from '../api-error'
import type { ObjectStore } from '../store'
import type { EventRecorder } from './event-recorder'

export interface ControllerDeps {
  store: ObjectStore
  clock: Clock
  rng: Rng
  recorder: EventRecorder
  /** Where refused writes go (e.g. the object limit); a real controller logs and retries. */
  onError?: (err: unknown) => void
}

/** Runs one reconcile; an ApiError (NotFound after a race, object limit) is reported, not thrown. */
export function reconcileSafely(deps: ControllerDeps, fn: () => void): void {
  try {
    fn()
  } catch (err) {
    if (!(err instanceof ApiError)) throw err
    deps.onError?.(err)
  }
}
