// The 90/10 traffic-shifting split, checked statistically (issue 4 "Done when").
//
// Istio traffic-shifting task (istio.io/latest/docs/tasks/traffic-management/traffic-shifting/)
// and Envoy's weighted clusters: each request draws its destination at random in proportion
// to the weights, so the v2 count of n requests is Binomial(n, 0.1) and an honest splitter
// misses the two-sided 99% interval for about 1% of seeds. A splitter that counts requests
// (e.g. every tenth to v2) would land inside every time; one that drifts would miss often.
//
// Cost: a million requests through the CLI would take many minutes. The cluster (Bookinfo with
// destination-rule-all and virtual-service-reviews-90-10, plus the sleep client) is built once
// through a sim session; each seed then gets a fresh MeshNetwork over that store with its own
// virtual Clock and Rng.seeded(seed), and sends its requests from the sleep pod through the
// real data plane (sleep's sidecar, route match, weighted pick, reviews' sidecar, the app).
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleFiles } from '../../cli'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { createSimSession, type SimSession } from '../../sim/session'
import type { KubeObject } from '../../cluster/types'
import { MeshNetwork } from '../data/network'
import type { MeshRequest, Origin } from '../data/types'

const ROOT = path.resolve(import.meta.dirname, '../../..')
const REQUESTS = 1_000
/**
 * Seeds 1..SEEDS, the 1,000 by default. Measured on this 2-core shared machine: 55 s
 * at load average ~2-3, 115 s at ~6 (7 of 1,000 seeds outside [76, 125], v2 share 0.09987).
 * MESH_DISTRIBUTION_SEEDS=400 gives a quicker, weaker check (~20-45 s).
 */
const SEEDS = Number(process.env.MESH_DISTRIBUTION_SEEDS ?? 1_000)
const V2_WEIGHT = 0.1
/** Two-sided level of the per-seed interval, and the share of seeds allowed outside it. */
const CONFIDENCE = 0.99
const MAX_MISS_SHARE = 0.02

const SETUP = `istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
kubectl apply -f samples/bookinfo/networking/destination-rule-all.yaml
kubectl apply -f samples/bookinfo/networking/virtual-service-reviews-90-10.yaml
`

/** The central interval [lo, hi] of Binomial(n, p) holding at least `level` of the mass (exact tails). */
function binomialInterval(n: number, p: number, level: number): [number, number] {
  const tail = (1 - level) / 2
  const logPmf = (k: number) => lnChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p)
  let lo = 0
  for (let cdf = Math.exp(logPmf(0)); cdf <= tail; cdf += Math.exp(logPmf(++lo)));
  let hi = n
  for (let sf = Math.exp(logPmf(n)); sf <= tail; sf += Math.exp(logPmf(--hi)));
  return [lo, hi]
}

function lnChoose(n: number, k: number): number {
  let s = 0
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i)
  return s
}

let session: SimSession
let origin: Origin
let request: MeshRequest

beforeAll(async () => {
  session = createSimSession({ seed: 1, files: sampleFiles(path.join(ROOT, 'content/samples')) })
  const results = await session.run(SETUP)
  const failed = results.find((r) => r.exitCode !== 0)
  if (failed) throw new Error(`${failed.command}: ${failed.stderr}`)
  const sleep = session.store.list({ kind: 'Pod', namespace: 'default' }).find((p) => p.metadata.labels?.app === 'sleep')!
  const reviews = session.store.list({ kind: 'Service', namespace: 'default' }).find((s) => s.metadata.name === 'reviews')!
  origin = { kind: 'pod', pod: sleep, ip: podIp(sleep) }
  // What `curl reviews:9080/reviews/0` puts on the wire from the sleep pod.
  request = {
    method: 'GET', scheme: 'http', authority: 'reviews:9080', path: '/reviews/0',
    headers: [['host', 'reviews:9080'], ['user-agent', 'curl/8.11.1'], ['accept', '*/*']],
    body: '', dstIp: (reviews.spec as { clusterIP: string }).clusterIP, dstPort: 9080,
  }
}, 60_000)

afterAll(() => session?.dispose())

function podIp(pod: KubeObject): string {
  return (pod.status as { podIP?: string } | undefined)?.podIP ?? ''
}

/** A fresh data plane for one seed over the shared cluster; returns how many of n requests reached v1 and v2. */
async function split(seed: number, n: number): Promise<{ v1: number; v2: number; other: number }> {
  const network = new MeshNetwork(session.store, Clock.virtual({ startMs: session.clock.now() }), Rng.seeded(seed))
  const counts = { v1: 0, v2: 0, other: 0 }
  await network.scheduler.run(async () => {
    for (let i = 0; i < n; i++) {
      const r = await network.send(origin, request)
      const version = r.kind === 'response' && r.status === 200 ? /"podname": "reviews-(v\d)-/.exec(r.body)?.[1] : undefined
      if (version === 'v1') counts.v1++
      else if (version === 'v2') counts.v2++
      else counts.other++
    }
  })
  return counts
}

describe('binomialInterval', () => {
  it('matches the normal approximation for a large n, and the exact tails for a small one', () => {
    const [lo, hi] = binomialInterval(REQUESTS, V2_WEIGHT, CONFIDENCE)
    const sd = Math.sqrt(REQUESTS * V2_WEIGHT * (1 - V2_WEIGHT))
    expect(Math.abs(lo - (100 - 2.576 * sd))).toBeLessThan(2)
    expect(Math.abs(hi - (100 + 2.576 * sd))).toBeLessThan(2)
    // Binomial(10, 0.5): P(X <= 0) = P(X >= 10) = 1/1024 < 0.005, P(X <= 1) = 11/1024 > 0.005.
    expect(binomialInterval(10, 0.5, 0.99)).toEqual([1, 9])
  })
})

describe('90/10 weighted split (virtual-service-reviews-90-10)', () => {
  it('every request of one seed reaches reviews v1 or v2, and the same seed repeats the same split', async () => {
    const a = await split(7, 200)
    expect(a.other).toBe(0)
    expect(a.v1 + a.v2).toBe(200)
    expect(a.v2).toBeGreaterThan(0)
    expect(await split(7, 200)).toEqual(a)
  }, 60_000)

  it(`${REQUESTS} requests x seeds 1-${SEEDS}: at most ${MAX_MISS_SHARE * 100}% of seeds fall outside the binomial ${CONFIDENCE * 100}% interval`, async () => {
    const [lo, hi] = binomialInterval(REQUESTS, V2_WEIGHT, CONFIDENCE)
    let misses = 0
    let other = 0
    const v2Counts: number[] = []
    for (let seed = 1; seed <= SEEDS; seed++) {
      const c = await split(seed, REQUESTS)
      other += c.other
      v2Counts.push(c.v2)
      if (c.v2 < lo || c.v2 > hi) misses++
    }
    const v2Total = v2Counts.reduce((a, b) => a + b, 0)
    expect(other).toBe(0)
    expect(misses / SEEDS, `${misses} of ${SEEDS} seeds outside [${lo}, ${hi}]`).toBeLessThanOrEqual(MAX_MISS_SHARE)
    // Over all requests the v2 share is 10% within four standard errors.
    const share = v2Total / (REQUESTS * SEEDS)
    expect(Math.abs(share - V2_WEIGHT)).toBeLessThan(4 * Math.sqrt(V2_WEIGHT * (1 - V2_WEIGHT) / (REQUESTS * SEEDS)))
    // The counts spread as a binomial's do (variance n p (1 - p) = 90): a splitter that counts
    // requests (every tenth to v2) would pass the interval check with a variance near 0.
    const mean = v2Total / SEEDS
    const variance = v2Counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (SEEDS - 1)
    const expected = REQUESTS * V2_WEIGHT * (1 - V2_WEIGHT)
    expect(variance / expected).toBeGreaterThan(0.75)
    expect(variance / expected).toBeLessThan(1.33)
  }, 600_000)
})
