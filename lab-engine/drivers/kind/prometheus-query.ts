// PromQL on kind: Istio's Prometheus addon, reached through the API server's service proxy.
//
// The issue suggests curl from a pod; the service proxy (`kubectl get --raw
// /api/v1/namespaces/istio-system/services/prometheus:9090/proxy/...`) gives
// the same Prometheus HTTP API answer without a pod, and the query itself
// never shows up as mesh traffic in the learner's graph or metrics.
import { DriverError, type MetricResult } from '../cluster-driver'
import type { KubeClient } from './kube-client'

export const PROMETHEUS_PROXY_PATH = '/api/v1/namespaces/istio-system/services/prometheus:9090/proxy/api/v1/query'

export const NO_PROMETHEUS =
  'queryMetric on the kind driver needs Istio\'s Prometheus addon in istio-system (kubectl apply -f samples/addons/prometheus.yaml); a real cluster has no built-in metrics store'

interface PromResponse {
  status?: string
  data?: MetricResult
  errorType?: string
  error?: string
}

export function prometheusQueryPath(promql: string): string {
  return `${PROMETHEUS_PROXY_PATH}?query=${encodeURIComponent(promql)}`
}

export async function queryPrometheus(kube: KubeClient, promql: string): Promise<MetricResult> {
  if (!promql.trim()) throw new DriverError('invalid', 'queryMetric needs a PromQL expression')
  const r = await kube.getRaw(prometheusQueryPath(promql))
  if (r.timedOut) throw new DriverError('timeout', `Prometheus did not answer: ${promql}`)
  if (r.exitCode !== 0) throw failure(r.stderr, promql)
  const body = parse(r.stdout)
  if (body?.status !== 'success' || !body.data) throw new DriverError('failed', `Prometheus answered without data for ${promql}: ${r.stdout.slice(0, 300)}`)
  return body.data
}

/** kubectl prints the proxied error body after `Error from server (...)`: Prometheus's bad_data is the caller's mistake. */
function failure(stderr: string, promql: string): DriverError {
  if (/services "prometheus" not found/.test(stderr)) return new DriverError('unsupported', NO_PROMETHEUS)
  const body = parse(stderr.slice(stderr.indexOf('{')))
  if (body?.errorType === 'bad_data') return new DriverError('invalid', `bad PromQL \`${promql}\`: ${body.error ?? ''}`)
  if (/no endpoints available|ServiceUnavailable/.test(stderr)) return new DriverError('failed', `Prometheus is installed but not ready yet: ${stderr.trim()}`)
  return new DriverError('failed', `Prometheus query failed: ${stderr.trim()}`)
}

function parse(text: string): PromResponse | undefined {
  try {
    return JSON.parse(text) as PromResponse
  } catch {
    return undefined
  }
}
