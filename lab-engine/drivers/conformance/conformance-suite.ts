// The driver conformance suite: what every ClusterDriver must do the same way, run against sim here and kind on a Docker host.
//
// Issue 5: apply Bookinfo, wait until ready, curl between pods, read a
// resource, reset. The expectations are Istio's and Kubernetes' documented
// behaviour (Bookinfo's productpage title, curl's exit 6 for an unknown
// name), not the sim's text, so a real cluster passes the same checks.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ClusterDriver } from '../cluster-driver'
import { waitForReadyPods } from '../wait-ready'

const SAMPLES = path.resolve(import.meta.dirname, '../../../content/samples')
const sample = (rel: string) => readFileSync(path.join(SAMPLES, rel), 'utf8')

/** Istio's demo profile and sidecar injection in `default`, as the course's first traffic lab starts. */
export const CONFORMANCE_SETUP = 'istioctl install --set profile=demo -y\nkubectl label namespace default istio-injection=enabled --overwrite\n'

/** Real clusters pull images and start Envoy: minutes, not the sim's virtual seconds. */
const READY_TIMEOUT_MS = 600_000

export function driverConformance(label: string, create: () => Promise<ClusterDriver>, testTimeoutMs = 30_000, cleanup: () => Promise<void> = async () => {}): void {
  describe(`driver conformance: ${label}`, { timeout: testTimeoutMs }, () => {
    let driver: ClusterDriver

    beforeAll(async () => {
      driver = await create()
      await driver.start({ seed: 1, setup: CONFORMANCE_SETUP, mode: 'grading' })
    }, testTimeoutMs * 4)
    afterAll(async () => {
      await driver?.stop()
      await cleanup()
    })

    it('applies Bookinfo and the sleep client, reporting each object as kubectl does', async () => {
      const result = await driver.apply(sample('bookinfo/platform/kube/bookinfo.yaml') + '\n---\n' + sample('sleep/sleep.yaml'))
      expect(result.exitCode, result.stderr).toBe(0)
      for (const line of ['service/productpage created', 'deployment.apps/productpage-v1 created', 'deployment.apps/reviews-v3 created', 'deployment.apps/sleep created']) {
        expect(result.stdout).toContain(line)
      }
    })

    it('waits until every Bookinfo and sleep pod is ready, each with its sidecar', async () => {
      const pods = await waitForReadyPods(driver, { namespace: 'default', minPods: 7, timeoutMs: READY_TIMEOUT_MS })
      expect(pods.map((p) => p.metadata.labels?.app).sort()).toEqual(['details', 'productpage', 'ratings', 'reviews', 'reviews', 'reviews', 'sleep'])
      for (const pod of pods) {
        // Istio 1.27+ injects the proxy as a native sidecar (an init container that keeps running); older releases as a container.
        const spec = pod.spec as { containers: { name: string }[]; initContainers?: { name: string }[] }
        expect([...spec.containers, ...(spec.initContainers ?? [])].map((c) => c.name)).toContain('istio-proxy')
      }
    })

    it('curls productpage from the sleep pod through the mesh', async () => {
      const r = await driver.exec({ namespace: 'default', selector: 'app=sleep' }, ['curl', '-sS', 'http://productpage:9080/productpage'], { container: 'sleep' })
      expect(r.exitCode, r.stderr).toBe(0)
      expect(r.stdout).toContain('<title>Simple Bookstore App</title>')
    })

    it('reports curl failures with curl exit codes: an unknown name is exit 6', async () => {
      const r = await driver.exec({ namespace: 'default', selector: 'app=sleep' }, ['curl', '-sS', 'http://no-such-service:9080/'], { container: 'sleep' })
      expect(r.exitCode).toBe(6)
      expect(r.stderr).toMatch(/Could not resolve host: no-such-service/)
    })

    it('answers an HTTP probe as values: status, headers and body', async () => {
      const r = await driver.probeHttp({ namespace: 'default', selector: 'app=sleep' }, { url: 'http://reviews:9080/reviews/0' })
      expect(r.curlExit).toBe(0)
      expect(r.status).toBe(200)
      expect(r.headers['content-type']).toMatch(/application\/json/)
      expect(JSON.parse(r.body)).toMatchObject({ id: '0' })
    })

    it('reads a resource and lists by label selector', async () => {
      const deployment = await driver.get({ kind: 'Deployment', namespace: 'default', name: 'productpage-v1' })
      expect(deployment?.metadata.labels).toMatchObject({ app: 'productpage', version: 'v1' })
      expect((deployment?.spec as { replicas?: number }).replicas).toBe(1)
      expect(await driver.get({ kind: 'Deployment', namespace: 'default', name: 'no-such-deployment' })).toBeNull()
      const reviews = await driver.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=reviews,version!=v1' })
      expect(reviews.map((p) => p.metadata.labels?.version).sort()).toEqual(['v2', 'v3'])
    })

    it('resets to the state right after setup: learner objects gone, Istio still installed', async () => {
      await driver.reset()
      expect(await driver.get({ kind: 'Deployment', namespace: 'default', name: 'productpage-v1' })).toBeNull()
      expect(await driver.get({ kind: 'Deployment', namespace: 'istio-system', name: 'istiod' })).not.toBeNull()
      const ns = await driver.get({ kind: 'Namespace', name: 'default' })
      expect(ns?.metadata.labels?.['istio-injection']).toBe('enabled')
    })
  })
}
