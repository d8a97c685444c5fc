// The data plane's latency model: how long each hop adds, in simulated milliseconds.
//
// Orders of magnitude follow Istio's "Performance and Scalability" page (the
// sidecars add a fraction of a millisecond per request at the 50th percentile
// with telemetry on) and kind's single-node network (sub-millisecond pod to pod).
// Apps add their own service time (mesh/apps/service-time.ts). Small jitter from
// the session Rng keeps fortio's histograms honest without breaking determinism.
import type { Rng } from '../../core/rng'

/** Pod-to-pod on the node's bridge, one way. */
export const NETWORK_ONE_WAY_MS = 0.05
/** One sidecar handling a request (outbound or inbound), median. */
export const SIDECAR_HOP_MS = 0.35
/** Extra per-connection cost of an mTLS handshake (only on a new connection). */
export const MTLS_HANDSHAKE_MS = 1.2
/** TCP connect inside the cluster. */
export const CONNECT_MS = 0.1
/** Round trip to the simulated internet (the node's NAT to a public site). */
export const INTERNET_RTT_MS = 18
/** TLS handshake with a public site (one more round trip plus crypto). */
export const INTERNET_TLS_MS = 22

/** A cost with ±25% jitter from the session's Rng. */
export function jittered(rng: Rng, ms: number): number {
  return ms * (0.75 + rng.next() * 0.5)
}
