// What evaluating a check yields, and the context checks run in.
import type { ClusterDriver } from '../drivers/cluster-driver'

export interface CheckOutcome {
  id?: string
  kind: string
  passed: boolean
  /** For the learner: the check's own message on failure (or a diagnosis), with what was observed. */
  message: string
  /** What the check saw (status codes, shares, values), for the grader console. */
  observed?: string
  details?: Record<string, unknown>
}

export interface IngressAddress {
  host: string
  httpPort: number
  httpsPort: number
}

export interface CheckContext {
  driver: ClusterDriver
  /** The ingress gateway's external address and ports, for `{{ingress}}` and friends in requests. */
  ingress(): Promise<IngressAddress>
}

/** A check's own verdict before messages are attached. */
export interface Verdict {
  passed: boolean
  observed: string
  details?: Record<string, unknown>
}
