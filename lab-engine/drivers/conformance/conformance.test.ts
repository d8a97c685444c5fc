// Runs the driver conformance suite: on sim always; on kind only where LAB_DRIVER=kind and its tools exist.
import { describe, it } from 'vitest'
import { SimDriver } from '../sim'
import { driverConformance } from './conformance-suite'

driverConformance('sim', async () => new SimDriver())

const KIND_SKIP_REASON = 'kind conformance needs Docker, kind, kubectl and istioctl on the host; run it there with LAB_DRIVER=kind npx vitest run lab-engine/drivers/conformance'

describe('driver conformance: kind', () => {
  if (process.env.LAB_DRIVER !== 'kind') {
    console.info(`skipping kind driver conformance: ${KIND_SKIP_REASON}`)
    it.skip(`skipped: ${KIND_SKIP_REASON}`, () => {})
  }
})
