// HopRecord: one request across one client -> server hop, as the proxies on it saw it.
//
// The data plane emits one record per hop (Istio reports each request once per proxy
// that handled it: `reporters` says which). Telemetry turns records into metrics,
// access-log lines, spans and Envoy stats; the live graph aggregates them into edges.
import type { KubeObject } from '../../cluster/types'
import type { MeshRequest } from './types'

export interface HopRecord {
  startMs: number
  endMs: number
  /** The client pod (absent for the learner's machine). */
  source?: KubeObject
  /** The pod that answered (absent for local replies and sites outside the cluster). */
  destination?: KubeObject
  /** The destination service's FQDN, when the request was routed to one. */
  destinationService?: string
  /** The request as it left the client proxy (after rewrites). */
  request: MeshRequest
  /** The path before a rewrite, when one happened. */
  originalPath?: string
  /** HTTP status the client saw; 0 when no response came back. */
  status: number
  /** Envoy response flags (UO, UF, UH, NR, FI, DI, UT, URX, ...). */
  flags: string[]
  /** Cluster and endpoint the client proxy chose. */
  cluster?: string
  upstreamHost?: string
  routeName?: string
  mtls: boolean
  /** The server sidecar's %RESPONSE_CODE_DETAILS% when it answered itself (its access-log line); the client sees via_upstream. */
  serverDetails?: string
  reporters: { source: boolean; destination: boolean }
  requestBytes: number
  responseBytes: number
}

export type HopListener = (hop: HopRecord) => void
