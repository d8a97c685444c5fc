// Decision traces: every choice the simulated data plane made for one request, so the UI can say why it got its result.
//
// Real Envoy cannot show this (the "Telemetry" section); the data plane
// appends one step per filter it runs — listener, route, weight draw, subset,
// fault, timeout/retry, connection pool, outlier detection, endpoint, TLS on
// each side, authentication and authorization — and marks the step that
// decided the outcome. explainDecisionTrace() (decision-explain.ts) turns a
// trace into plain sentences.

export { explainDecisionTrace } from './decision-explain'

/** A Kubernetes or Istio object a decision came from. */
export interface ResourceRef {
  readonly kind: string
  readonly namespace: string
  readonly name: string
}

/** The connectionPool setting a request ran into (Istio DestinationRule trafficPolicy.connectionPool). */
export type PoolLimit = 'maxConnections' | 'http1MaxPendingRequests' | 'http2MaxRequests' | 'maxRetries' | 'maxRequestsPerConnection'

export type DecisionStep =
  | { readonly kind: 'dns'; readonly host: string; readonly resolved: boolean; readonly address?: string }
  | { readonly kind: 'egress'; readonly host: string; readonly policy: 'ALLOW_ANY' | 'REGISTRY_ONLY'; readonly allowed: boolean; readonly serviceEntry?: ResourceRef }
  | { readonly kind: 'listener'; readonly proxy: string; readonly direction: 'outbound' | 'inbound' | 'gateway'; readonly name: string; readonly matched: boolean }
  | {
      readonly kind: 'route'
      readonly proxy: string
      /** Route configuration name, e.g. 8000 or http.8080. */
      readonly routeConfig: string
      readonly matched: boolean
      readonly virtualService?: ResourceRef
      /** Index of the http rule in the VirtualService, from 0. */
      readonly ruleIndex?: number
      readonly ruleName?: string
      /** What the rule matched on, in words, e.g. header end-user=jason. */
      readonly matchedOn?: string
    }
  | { readonly kind: 'weight'; readonly choices: readonly { readonly destination: string; readonly weight: number }[]; readonly draw: number; readonly chosen: number }
  | { readonly kind: 'destination'; readonly cluster: string; readonly found: boolean; readonly subset?: string; readonly destinationRule?: ResourceRef }
  | {
      readonly kind: 'fault'
      readonly fault: 'delay' | 'abort'
      readonly percentage: number
      readonly applied: boolean
      readonly delayMs?: number
      readonly status?: number
      readonly virtualService?: ResourceRef
    }
  | { readonly kind: 'redirect'; readonly location: string; readonly status: number }
  | { readonly kind: 'rewrite'; readonly uri?: { readonly from: string; readonly to: string }; readonly authority?: { readonly from: string; readonly to: string } }
  | { readonly kind: 'mirror'; readonly cluster: string; readonly percentage: number; readonly sent: boolean }
  | { readonly kind: 'timeout'; readonly timeoutMs: number; readonly fired: boolean }
  | { readonly kind: 'retry'; readonly attempt: number; readonly maxAttempts: number; readonly reason: string; readonly retryOn?: string }
  | {
      readonly kind: 'connectionPool'
      readonly cluster: string
      readonly outcome: 'admitted' | 'queued' | 'rejected'
      readonly limit?: PoolLimit
      readonly limitValue?: number
      /** How many were already in use (pending requests, active requests, open connections or retries, by limit). */
      readonly inUse?: number
    }
  | {
      readonly kind: 'outlier'
      readonly cluster: string
      readonly event: 'ejected' | 'skipped-ejected' | 'all-ejected' | 'counted'
      readonly endpoint?: string
      readonly consecutiveErrors?: number
      readonly threshold?: number
      readonly ejectionMs?: number
    }
  | { readonly kind: 'endpoint'; readonly cluster: string; readonly address: string; readonly lbPolicy: string; readonly pod?: string; readonly connected: boolean; readonly error?: string }
  | {
      readonly kind: 'tls'
      readonly side: 'client' | 'server'
      /** DISABLE, SIMPLE, ISTIO_MUTUAL, MUTUAL for a client; STRICT, PERMISSIVE, DISABLE for a server. */
      readonly mode: string
      readonly result: 'mtls' | 'tls' | 'plaintext' | 'rejected'
      /** What decided the mode: auto mTLS, a DestinationRule, a PeerAuthentication, the mesh default. */
      readonly decidedBy?: ResourceRef | 'auto-mtls' | 'mesh-default'
      readonly reason?: string
    }
  | { readonly kind: 'authn'; readonly result: 'allowed' | 'denied'; readonly reason: string; readonly policy?: ResourceRef }
  | {
      readonly kind: 'authz'
      readonly action: 'CUSTOM' | 'DENY' | 'ALLOW'
      readonly result: 'allowed' | 'denied'
      readonly policy?: ResourceRef
      readonly ruleIndex?: number
      readonly reason?: string
    }
  | { readonly kind: 'app'; readonly workload: string; readonly namespace: string; readonly status: number }
  | { readonly kind: 'note'; readonly text: string }

export interface DecisionOutcome {
  /** HTTP status the client got; 0 when no HTTP response arrived. */
  readonly status: number
  readonly responseFlags?: readonly string[]
  /** curl's exit code for connection-level failures (6, 7, 28, 35, 52, 56). */
  readonly curlExit?: number
  /** Index of the step that decided the result; explain infers it when absent. */
  readonly decidedBy?: number
}

export interface DecisionTrace {
  /** x-request-id. */
  readonly id: string
  readonly startMs: number
  /** namespace/pod of the caller, or "outside" for the learner's terminal. */
  readonly from: string
  readonly request: { readonly method: string; readonly authority: string; readonly path: string }
  readonly steps: readonly DecisionStep[]
  readonly outcome?: DecisionOutcome
}

/** Collects steps while a request runs; the data plane calls add() per decision and finish() once. */
export class DecisionRecorder {
  private readonly steps: DecisionStep[] = []
  private finished = false

  constructor(private readonly head: Omit<DecisionTrace, 'steps' | 'outcome'>) {}

  /**
   * Appends a step and returns its index (for outcome.decidedBy). Once finished the trace is
   * closed: a thread the client stopped waiting for (a timed-out attempt) adds nothing more.
   */
  add(step: DecisionStep): number {
    if (this.finished) return -1
    this.steps.push(step)
    return this.steps.length - 1
  }

  /** The finished trace; it keeps the recorder's step list, which no later add() can change. */
  finish(outcome: DecisionOutcome): DecisionTrace {
    this.finished = true
    const h = this.head
    return { id: h.id, startMs: h.startMs, from: h.from, request: h.request, steps: this.steps, outcome }
  }
}
