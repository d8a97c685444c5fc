// Service time: how long each app spends on a request itself, a small model rather than measurements.
//
// The figures are the order of magnitude these servers show on a laptop-class
// node (a Go echo handler answers in tens of microseconds; Flask rendering a
// Jinja page takes milliseconds; Liberty's JAX-RS a couple). Each request draws
// base + uniform(0, jitter) from the session Rng so histograms have a spread and
// replays repeat exactly. Time waiting on upstream calls is not included: the
// data plane measures that on the clock.

import type { Rng } from '../../core/rng'

export interface ServiceTimeProfile {
  /** Minimum processing time, ms. */
  baseMs: number
  /** Width of the uniform spread added to base, ms. */
  jitterMs: number
}

/** Per-app profiles; names match AppModel.name. */
export const SERVICE_TIMES = {
  productpage: { baseMs: 6, jitterMs: 4 },
  details: { baseMs: 0.8, jitterMs: 0.6 },
  reviews: { baseMs: 1.5, jitterMs: 1 },
  ratings: { baseMs: 0.5, jitterMs: 0.4 },
  httpbin: { baseMs: 1.2, jitterMs: 0.8 },
  'go-httpbin': { baseMs: 0.15, jitterMs: 0.1 },
  fortio: { baseMs: 0.05, jitterMs: 0.05 },
  nginx: { baseMs: 0.1, jitterMs: 0.05 },
  website: { baseMs: 20, jitterMs: 30 },
} as const satisfies Record<string, ServiceTimeProfile>

/** One draw, rounded to microseconds so printed figures stay short. */
export function drawServiceTime(profile: ServiceTimeProfile, rng: Rng): number {
  return Math.round((profile.baseMs + rng.next() * profile.jitterMs) * 1000) / 1000
}
