import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleFiles } from '../../cli'
import { SimDriver } from '../../drivers/sim'
import { checkSchema, type DistributionCheck } from '../check-schema'
import { checkContext } from '../grade-lab'
import { distributionVerdict } from './distribution-check'

const samples = sampleFiles(path.resolve(import.meta.dirname, '../../../content/samples'))
const split = (v1: number, v3: number) => `kubectl apply -f - <<EOF
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews }
spec:
  hosts: [reviews]
  http:
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: ${v1} }
    - { destination: { host: reviews, subset: v3 }, weight: ${v3} }
EOF
`
const check = checkSchema.parse({
  kind: 'distribution', message: 'split reviews 90/10', from: { selector: 'app=sleep' }, request: { url: 'http://reviews:9080/reviews/0' },
  buckets: [{ name: 'v1', matches: 'reviews-v1-', share: 0.9 }, { name: 'v3', matches: 'reviews-v3-', share: 0.1 }],
}) as DistributionCheck

let driver: SimDriver
beforeAll(async () => {
  driver = new SimDriver()
  await driver.start({ files: samples, mode: 'grading', setup: 'istioctl install --set profile=demo -y\nkubectl label namespace default istio-injection=enabled\nkubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml -f samples/sleep/sleep.yaml -f samples/bookinfo/networking/destination-rule-all.yaml\nkubectl wait --for=condition=Ready pods --all --timeout=300s\n' })
}, 60_000)
afterAll(async () => driver.stop())

describe('distribution checks on the sim', () => {
  it.each([
    [90, 10, true],
    [80, 20, false],
    [50, 50, false],
    [100, 0, false],
  ])('a %i/%i split against an expected 90/10 %s', async (v1, v3, passes) => {
    await driver.session.run(split(v1, v3))
    const fork = await driver.fork()
    const verdict = await distributionVerdict(check, checkContext(fork))
    await fork.stop()
    expect(verdict.passed).toBe(passes)
    expect(verdict.observed).toMatch(/^v1 [\d.]+%, v3 [\d.]+% of \d+ requests$/)
  }, 60_000)
})
