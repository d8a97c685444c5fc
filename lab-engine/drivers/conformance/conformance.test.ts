// Runs the driver conformance suite: on sim always; on kind only where LAB_DRIVER=kind (a Docker host with kind, kubectl and istioctl).
import { describe, it } from 'vitest'
import { createKindDriverFromEnv, shutdownSharedKindHost } from '../kind'
import { SimDriver } from '../sim'
import { driverConformance } from './conformance-suite'

driverConformance('sim', async () => new SimDriver())

const KIND_SKIP_REASON = 'kind conformance needs Docker, kind, kubectl and istioctl on the host; run it there with LAB_DRIVER=kind npx vitest run lab-engine/drivers/conformance'

if (process.env.LAB_DRIVER === 'kind') {
  const host = { now: () => Date.now(), setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) }
  // Creating a cluster, installing Istio and pulling Bookinfo's images take minutes.
  driverConformance('kind', async () => createKindDriverFromEnv({ host }), 15 * 60_000, shutdownSharedKindHost)
} else {
  describe('driver conformance: kind', () => {
    console.info(`skipping kind driver conformance: ${KIND_SKIP_REASON}`)
    it.skip(`skipped: ${KIND_SKIP_REASON}`, () => {})
  })
}
