// The data plane's results for a mix of configurations, pinned to what it did before its hot
// path was tuned for speed (recorded at af919df with dataPlaneFingerprint): same outputs, same
// Rng state and simulated clock afterwards, same Istio request counters -- with the scheduler's
// fast path (sleep-at-once.ts) and without it. A change in any of them means a tuning changed
// behaviour (or behaviour was changed on purpose: record again).
import { afterEach, describe, expect, it } from 'vitest'
import { dataPlaneFingerprint, type Fingerprint } from './data-plane-fingerprint.test-util'
import { Scheduler } from './scheduler'

const RECORDED: Record<number, Fingerprint> = {
  1: {
    outputs: 'cc76a64fe5b2927fde9f1a0069b7453e615f2f78cdd39ec2eecefa73ef7e4ae9',
    rng: { a: -98346188, b: 325952522, c: 1943746377, d: -1283251971 },
    clockMs: 1767225611508.2117,
    requests: [
      'destination fortio-deploy -> httpbin 200: 0',
      'destination productpage-v1 -> details-v1 200: 0',
      'destination productpage-v1 -> reviews-v1 200: 0',
      'destination productpage-v1 -> reviews-v2 200: 0',
      'destination productpage-v1 -> reviews-v3 200: 0',
      'destination reviews-v2 -> ratings-v1 200: 0',
      'destination reviews-v3 -> ratings-v1 200: 0',
      'destination sleep -> details-v1 403: 0',
      'destination sleep -> productpage-v1 200: 0',
      'destination sleep -> reviews-v2 200: 0',
      'destination sleep -> reviews-v3 200: 0',
      'source fortio-deploy -> httpbin 200: 0',
      'source fortio-deploy -> unknown 503: 0',
      'source productpage-v1 -> details-v1 200: 0',
      'source productpage-v1 -> reviews-v1 200: 0',
      'source productpage-v1 -> reviews-v2 200: 0',
      'source productpage-v1 -> reviews-v3 200: 0',
      'source reviews-v2 -> ratings-v1 200: 0',
      'source reviews-v3 -> ratings-v1 200: 0',
      'source sleep -> details-v1 403: 0',
      'source sleep -> productpage-v1 200: 0',
      'source sleep -> reviews-v2 200: 0',
      'source sleep -> reviews-v3 200: 0',
      'source sleep -> unknown 503: 0',
    ],
  },
  2: {
    outputs: '60ac2fd72132ffe1f677efc54a4825ec8c955a6749eac229336f3891885e76cd',
    rng: { a: -529726738, b: -843247026, c: 1387130719, d: -2103892394 },
    clockMs: 1767225615214.7993,
    requests: [
      'destination fortio-deploy -> httpbin 200: 10',
      'destination productpage-v1 -> details-v1 200: 6',
      'destination productpage-v1 -> reviews-v1 200: 4',
      'destination productpage-v1 -> reviews-v3 200: 1',
      'destination reviews-v2 -> ratings-v1 200: 2',
      'destination reviews-v3 -> ratings-v1 200: 2',
      'destination sleep -> details-v1 403: 1',
      'destination sleep -> httpbin 200: 1',
      'destination sleep -> productpage-v1 200: 5',
      'destination sleep -> reviews-v2 200: 2',
      'destination sleep -> reviews-v3 200: 1',
      'source fortio-deploy -> httpbin 200: 10',
      'source fortio-deploy -> unknown 503: 20',
      'source productpage-v1 -> details-v1 200: 6',
      'source productpage-v1 -> reviews-v1 200: 4',
      'source productpage-v1 -> reviews-v3 200: 1',
      'source reviews-v2 -> ratings-v1 200: 2',
      'source reviews-v3 -> ratings-v1 200: 2',
      'source sleep -> details-v1 403: 1',
      'source sleep -> httpbin 200: 1',
      'source sleep -> productpage-v1 200: 5',
      'source sleep -> reviews-v2 200: 2',
      'source sleep -> reviews-v3 200: 1',
    ],
  },
}

afterEach(() => {
  Scheduler.sleepAtOnce = true
})

describe('data plane fingerprint (outputs, Rng draws, clock, counters)', () => {
  it.each([1, 2])('seed %i: the mix of configurations gives the recorded results, with sleeps taken at once', async (seed) => {
    const { fingerprint, sleepsTakenAtOnce } = await dataPlaneFingerprint(seed)
    expect(fingerprint).toEqual(RECORDED[seed])
    // The fast path really ran (lone curls and Bookinfo pages), next to the waits that cannot take it.
    expect(sleepsTakenAtOnce).toBeGreaterThan(100)
  }, 60_000)

  it.each([1, 2])('seed %i: and the same with every sleep through the run loop (the fast path off)', async (seed) => {
    Scheduler.sleepAtOnce = false
    const { fingerprint, sleepsTakenAtOnce } = await dataPlaneFingerprint(seed)
    expect(sleepsTakenAtOnce).toBe(0)
    expect(fingerprint).toEqual(RECORDED[seed])
  }, 60_000)
})
