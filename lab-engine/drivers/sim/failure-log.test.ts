// Failed requests with their decision traces in words, kept by interactive sim sessions only.
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { sampleFiles } from '../../cli'
import type { HostTimers } from '../../core/clock'
import { SimDriver } from './sim-driver'

const REAL_TIMERS: HostTimers = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }
const DENY_POST = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: deny-post, namespace: default }
spec:
  selector: { matchLabels: { app: httpbin } }
  action: DENY
  rules:
  - to: [{ operation: { methods: ["POST"] } }]
`
const SETUP = `istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
`

let driver: SimDriver | undefined
afterEach(async () => driver?.stop())

async function started(mode: 'interactive' | 'grading'): Promise<SimDriver> {
  driver = new SimDriver({ host: REAL_TIMERS })
  await driver.start({ mode, seed: 1, setup: SETUP, files: sampleFiles(path.resolve(import.meta.dirname, '../../../content/samples')) })
  const applied = await driver.apply(DENY_POST)
  expect(applied.exitCode).toBe(0)
  return driver
}

const SLEEP = { namespace: 'default', selector: 'app=sleep' }

describe('recentFailures', () => {
  it('keeps a denied request with a plain-words reason naming the policy, and not the requests that succeeded', async () => {
    const d = await started('interactive')
    expect((await d.probeHttp(SLEEP, { url: 'http://httpbin:8000/get' })).status).toBe(200)
    expect((await d.probeHttp(SLEEP, { url: 'http://httpbin:8000/post', method: 'POST' })).status).toBe(403)
    const failures = await d.recentFailures()
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatchObject({ method: 'POST', authority: 'httpbin:8000', path: '/post', status: 403 })
    expect(failures[0]!.from).toMatch(/^default\/sleep-/)
    expect(failures[0]!.why[0]).toMatch(/^403/)
    expect(failures[0]!.why.join('\n')).toContain('deny-post')
  }, 60_000)

  it('lists newest first, up to the limit', async () => {
    const d = await started('interactive')
    for (const p of ['/post', '/anything']) await d.probeHttp(SLEEP, { url: `http://httpbin:8000${p}`, method: 'POST' })
    expect((await d.recentFailures(1)).map((f) => f.path)).toEqual(['/anything'])
  }, 60_000)

  it('is empty for a grading (virtual-time) session, which builds no decision traces', async () => {
    const d = await started('grading')
    expect((await d.probeHttp(SLEEP, { url: 'http://httpbin:8000/post', method: 'POST' })).status).toBe(403)
    expect(await d.recentFailures()).toEqual([])
  }, 60_000)
})
