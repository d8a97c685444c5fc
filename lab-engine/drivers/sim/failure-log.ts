// The sim's recent failed requests with their decision traces in words: what the workbench shows when a learner asks why.
//
// Listening makes the data plane build a decision trace for every request
// (mesh/data/network.ts builds them only on demand), so only interactive
// sessions keep this log; grading forks and the CLI never pay for it.
import type { Disposable } from '../../core/disposable'
import type { MeshNetwork } from '../../mesh/data/network'
import { explainDecisionTrace, type DecisionTrace } from '../../telemetry/decision-trace'
import type { FailedRequest } from '../cluster-driver'

/** Failed requests kept per session (newest first when read). */
export const FAILURE_LOG_SIZE = 50


export class FailureLog implements Disposable {
  private readonly ring: FailedRequest[] = []
  private readonly off: () => void

  constructor(network: MeshNetwork) {
    this.off = network.onTrace((t) => this.record(t))
  }

  /** Newest first; `limit` at most FAILURE_LOG_SIZE. */
  recent(limit = FAILURE_LOG_SIZE): FailedRequest[] {
    return this.ring.slice(-limit).reverse()
  }

  dispose(): void {
    this.off()
  }

  private record(t: DecisionTrace): void {
    const status = t.outcome?.status ?? 0
    if (status > 0 && status < 400) return
    this.ring.push({
      id: t.id, atMs: t.startMs, from: t.from, ...t.request, status,
      ...(t.outcome?.curlExit !== undefined ? { curlExit: t.outcome.curlExit } : {}),
      ...(t.outcome?.responseFlags ? { responseFlags: t.outcome.responseFlags } : {}),
      why: explainDecisionTrace(t),
    })
    if (this.ring.length > FAILURE_LOG_SIZE) this.ring.shift()
  }
}
