import { describe, expect, it } from 'vitest'
import { istioExpositionFor } from './istio-exposition'
import { recordRequest, type RequestRecord } from './istio-metrics'
import { MetricRegistry } from './metrics'
import { evaluatePromQL, vectorValues } from './promql'
import { sanitizeLabelName, scrapeTargetLabels, withScrapeTarget, type ScrapeTarget } from './scrape-target'

const T0 = Date.UTC(2026, 0, 1)

const detailsPod = (n: number): ScrapeTarget => ({
  pod: `details-v1-79f774bdb9-${n}`,
  namespace: 'default',
  podIp: `10.244.0.${n}`,
  node: 'kind-control-plane',
  podLabels: { app: 'details', version: 'v1', 'pod-template-hash': '79f774bdb9', 'security.istio.io/tlsMode': 'istio' },
})

function toDetails(target: ScrapeTarget): RequestRecord {
  return {
    endMs: T0 + 1_000,
    source: { workload: 'productpage-v1', namespace: 'default', app: 'productpage', version: 'v1' },
    destination: { workload: 'details-v1', namespace: 'default', app: 'details', version: 'v1' },
    destinationService: { host: 'details.default.svc.cluster.local', name: 'details', namespace: 'default' },
    protocol: 'http',
    responseCode: 200,
    mtls: true,
    reporters: { source: false, destination: true },
    sourceDurationMs: 2,
    requestBytes: 0,
    responseBytes: 178,
    destinationTarget: target,
  }
}

describe('scrape target labels', () => {
  it('copies pod labels with sanitised names, then namespace, pod, node, instance and job', () => {
    expect(sanitizeLabelName('security.istio.io/tlsMode')).toBe('security_istio_io_tlsMode')
    expect(scrapeTargetLabels(detailsPod(7)).labels).toEqual({
      app: 'details',
      version: 'v1',
      pod_template_hash: '79f774bdb9',
      security_istio_io_tlsMode: 'istio',
      namespace: 'default',
      pod: 'details-v1-79f774bdb9-7',
      node: 'kind-control-plane',
      instance: '10.244.0.7:15020',
      job: 'kubernetes-pods',
    })
  })

  it('honours the series\' own labels over target labels of the same name', () => {
    const { labels, key } = withScrapeTarget({ job: 'mine', a: '1' }, 'k', { pod: 'p', namespace: 'n' })
    expect(labels).toMatchObject({ job: 'mine', a: '1', pod: 'p', namespace: 'n' })
    expect(key).not.toBe('k')
  })

  it('keeps one series per pod, so sum by (pod) works as on a real Prometheus', () => {
    const reg = new MetricRegistry({ scrapeIntervalMs: 0 })
    const a = detailsPod(1)
    const b = detailsPod(2)
    recordRequest(reg, toDetails(a))
    recordRequest(reg, toDetails(a))
    recordRequest(reg, toDetails(b))
    const byPod = vectorValues(evaluatePromQL(reg, 'sum by (pod) (istio_requests_total{destination_app="details"})', T0 + 2_000))
    expect(byPod).toEqual([
      { labels: { pod: 'details-v1-79f774bdb9-1' }, value: 2 },
      { labels: { pod: 'details-v1-79f774bdb9-2' }, value: 1 },
    ])
    const one = vectorValues(evaluatePromQL(reg, 'istio_requests_total{pod="details-v1-79f774bdb9-2"}', T0 + 2_000))[0]!
    expect(one.labels).toMatchObject({ app: 'details', job: 'kubernetes-pods', instance: '10.244.0.2:15020', reporter: 'destination' })
  })

  it('a proxy\'s own page shows only its pod\'s series and no Prometheus-added labels', () => {
    const reg = new MetricRegistry()
    recordRequest(reg, toDetails(detailsPod(1)))
    recordRequest(reg, toDetails(detailsPod(2)))
    recordRequest(reg, toDetails(detailsPod(2)))
    const page = istioExpositionFor(reg, { workload: 'details-v1', namespace: 'default', pod: 'details-v1-79f774bdb9-2' }).counters
    expect(page).toMatch(/\} 2\n\n$/)
    expect(page.split('\n').filter((l) => l.startsWith('istio_requests_total'))).toHaveLength(1)
    expect(page).not.toContain('pod=')
    expect(page).not.toContain('job=')
  })
})
