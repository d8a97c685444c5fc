// Rolling update arithmetic: how far a Deployment may surge above, and dip below, its desired replicas.
//
// kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment:
// maxSurge and maxUnavailable default to 25%; a percentage rounds up for surge
// and down for unavailable; both may not be 0 (then maxUnavailable is 1). The
// step functions mirror NewRSNewReplicas and scaleDownOldReplicaSetsForRollingUpdate
// in kubernetes/pkg/controller/deployment.

export type IntOrPercent = number | string

export interface RollingParams {
  maxSurge: number
  maxUnavailable: number
}

export const DEFAULT_MAX_SURGE = '25%'
export const DEFAULT_MAX_UNAVAILABLE = '25%'

/** intstr.GetScaledValueFromIntOrPercent */
export function scaled(value: IntOrPercent | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0
  if (typeof value === 'number') return value
  const m = /^(\d+)%$/.exec(value)
  if (!m) return Number.parseInt(value, 10) || 0
  const exact = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(exact) : Math.floor(exact)
}

/** deploymentutil.ResolveFenceposts */
export function resolveFenceposts(replicas: number, strategy?: { maxSurge?: IntOrPercent; maxUnavailable?: IntOrPercent }): RollingParams {
  const maxSurge = scaled(strategy?.maxSurge ?? DEFAULT_MAX_SURGE, replicas, true)
  let maxUnavailable = scaled(strategy?.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, replicas, false)
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1
  return { maxSurge, maxUnavailable: Math.min(maxUnavailable, replicas) }
}

/** How many replicas the new ReplicaSet should have next (NewRSNewReplicas for RollingUpdate). */
export function nextNewReplicas(desired: number, newCurrent: number, allCurrent: number, p: RollingParams): number {
  if (newCurrent >= desired) return desired
  const maxTotal = desired + p.maxSurge
  if (allCurrent >= maxTotal) return newCurrent
  return newCurrent + Math.min(maxTotal - allCurrent, desired - newCurrent)
}

export interface OldSet {
  replicas: number
  available: number
}

/**
 * How many old replicas may go now, given everything's availability
 * (reconcileOldReplicaSets: unhealthy old pods first, then available ones while
 * availability stays at or above desired - maxUnavailable).
 */
export function oldScaleDownBudget(desired: number, allCurrent: number, newReplicas: number, newAvailable: number, p: RollingParams): number {
  const minAvailable = desired - p.maxUnavailable
  const newUnavailable = Math.max(0, newReplicas - newAvailable)
  return Math.max(0, allCurrent - minAvailable - newUnavailable)
}

/** Splits a scale-down budget over old sets, oldest first: unavailable replicas, then available ones above minAvailable. */
export function planOldScaleDown(olds: OldSet[], budget: number, totalAvailable: number, minAvailable: number): number[] {
  const next = olds.map((o) => o.replicas)
  let left = budget
  olds.forEach((o, i) => {
    const unhealthy = Math.min(left, Math.max(0, o.replicas - o.available))
    next[i]! -= unhealthy
    left -= unhealthy
  })
  let availableBudget = Math.min(left, Math.max(0, totalAvailable - minAvailable))
  olds.forEach((o, i) => {
    const cut = Math.min(availableBudget, next[i]!, o.available)
    next[i]! -= cut
    availableBudget -= cut
  })
  return next
}
