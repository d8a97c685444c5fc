import { describe, expect, it } from 'vitest'
import { SimDriver } from '../drivers/sim'
import type { CheckContext } from './check-outcome'
import { checkSchema } from './check-schema'
import { evaluateCheck } from './evaluate-check'
import { checkContext } from './grade-lab'
import { resolveRequest } from './url-template'

const ctx = { driver: null as never, ingress: async () => ({ host: '172.18.255.200', httpPort: 80, httpsPort: 443 }) } satisfies CheckContext

describe('request templates', () => {
  it('fills the ingress address into the URL and --resolve pins', async () => {
    const req = await resolveRequest({ url: 'https://httpbin.example.com:{{ingress_https_port}}/status/418', resolve: ['httpbin.example.com:{{ingress_https_port}}:{{ingress_host}}'] }, ctx)
    expect(req).toEqual({ url: 'https://httpbin.example.com:443/status/418', resolve: ['httpbin.example.com:443:172.18.255.200'] })
    expect((await resolveRequest({ url: 'http://{{ingress}}/productpage' }, ctx)).url).toBe('http://172.18.255.200:80/productpage')
    expect((await resolveRequest({ url: 'https://{{ingress_https}}/' }, ctx)).url).toBe('https://172.18.255.200:443/')
  })

  it('leaves a request without templates alone', async () => {
    const req = { url: 'http://reviews:9080/' }
    expect(await resolveRequest(req, ctx)).toBe(req)
  })
})

describe('resource checks over a selector', () => {
  it('`of: some` passes when one listed object matches; the default needs every one', async () => {
    const driver = new SimDriver()
    await driver.start({ mode: 'grading', setup: 'kubectl create namespace a\nkubectl create namespace b\nkubectl label namespace a team=x tier=gold\nkubectl label namespace b team=x tier=silver\n' })
    const check = (of?: 'some' | 'every') => checkSchema.parse({ kind: 'resource', message: 'one gold namespace', resource: { kind: 'Namespace', selector: 'team=x' }, expect: { jsonPath: '$.metadata.labels.tier', equals: 'gold', ...(of ? { of } : {}) } })
    expect((await evaluateCheck(check('some'), checkContext(driver))).passed).toBe(true)
    const every = await evaluateCheck(check(), checkContext(driver))
    expect(every.passed).toBe(false)
    expect(every.observed).toBe('$.metadata.labels.tier is gold, silver')
    await driver.stop()
  })
})
