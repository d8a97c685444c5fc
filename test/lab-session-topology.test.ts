// The mesh graph's and cluster explorer's API on a running server with real PostgreSQL: topology with compiled splits,
// `kubectl get`-like rows, YAML, and who may not read them (tables of wrong caller, foreign session, bad input).
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as objectsRoute from '@/app/api/lab-sessions/[id]/objects/route'
import * as yamlRoute from '@/app/api/lab-sessions/[id]/objects/yaml/route'
import * as topologyRoute from '@/app/api/lab-sessions/[id]/topology/route'
import * as sessionsRoute from '@/app/api/lab-sessions/route'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import type { MeshTopology } from '@/lab-engine/mesh/graph'
import { call } from './api-client'
import { dbBackends, describeBackends } from './db-backends'
import { gradersOfTwoCohorts, startLabSessionServer, type LabSessionServer } from './lab-session-server'

const backends = (await dbBackends()).filter((b) => b.name === 'postgres')
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

const VS_90_10 = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reviews, namespace: default }
spec:
  hosts: [reviews]
  http:
  - route:
    - { destination: { host: reviews, subset: v1 }, weight: 90 }
    - { destination: { host: reviews, subset: v3 }, weight: 10 }
`

describeBackends('lab session topology and objects', backends, () => {
  let env: LabSessionServer
  let tokens: Record<string, string> = {}
  let id = ''
  const get = (route: typeof topologyRoute, who: string | null, query = '', sessionId = id) =>
    call(route.GET, { session: who && tokens[who], params: { id: sessionId }, path: `/api/lab-sessions/${sessionId}/x${query}` })

  beforeAll(async () => {
    env = await startLabSessionServer('topology', ['lena', 'omar', 'gus', 'hal'])
    tokens = env.tokens
    await gradersOfTwoCohorts(env)
    const started = await call(sessionsRoute.POST, { session: tokens.lena, body: { lab: 'request-routing' } })
    expect(started.status).toBe(201)
    id = started.json.session.id
  }, 60_000)

  afterAll(async () => env?.dispose())

  it('draws the compiled 90/10 split once the learner applies it, with capabilities', async () => {
    const driver = await getLabSessions().driverFor(id)
    expect((await driver.apply(await driver.readFile('samples/bookinfo/networking/destination-rule-all.yaml'))).exitCode).toBe(0)
    expect((await driver.apply(VS_90_10)).exitCode).toBe(0)
    const res = await get(topologyRoute, 'lena')
    expect(res.status).toBe(200)
    expect(res.json.capabilities).toMatchObject({ decisionTrace: true })
    const t = res.json.topology as MeshTopology
    const table = t.routes.find((r) => r.service === 'reviews.default.svc.cluster.local' && r.sources.includes('default/productpage-v1'))!
    expect(table.branches[0]!.destinations.map((d) => [d.subset, d.percent])).toEqual([['v1', 90], ['v3', 10]])
    expect(t.workloads.map((w) => w.id)).toEqual(expect.arrayContaining(['default/sleep', 'default/reviews-v3']))
  })

  it('lists pods as kubectl get does, with containers; kinds by short name; one namespace or all', async () => {
    const pods = await get(objectsRoute, 'lena', '?kind=pods&namespace=default')
    expect(pods.status).toBe(200)
    expect(pods.json.columns).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'])
    const reviews = pods.json.rows.find((r: { name: string }) => r.name.startsWith('reviews-v1-'))
    expect(reviews.cells.slice(1, 4)).toEqual(['2/2', 'Running', '0'])
    expect(reviews.containers.map((c: { name: string; sidecar: boolean }) => [c.name, c.sidecar])).toEqual([['reviews', false], ['istio-proxy', true]])
    const vs = await get(objectsRoute, 'lena', '?kind=vs')
    expect(vs.json).toMatchObject({ kind: 'VirtualService', namespaced: true, rows: [{ name: 'reviews', namespace: 'default' }] })
    expect(vs.json.columns).toEqual(['NAME', 'GATEWAYS', 'HOSTS', 'AGE'])
    const all = await get(objectsRoute, 'lena', '?kind=deploy')
    expect(all.json.rows.map((r: { namespace: string }) => r.namespace)).toEqual(expect.arrayContaining(['default', 'istio-system']))
  })

  it('shows one object as YAML', async () => {
    const res = await get(yamlRoute, 'lena', '?kind=virtualservice&namespace=default&name=reviews')
    expect(res.status).toBe(200)
    expect(res.json.yaml).toMatch(/^apiVersion: networking\.istio\.io\/v1\nkind: VirtualService\nmetadata:\n/)
    expect(res.json.yaml).toContain('weight: 90')
    expect(res.json.yaml).not.toContain('managedFields')
  })

  it.each([
    ['a grader of her cohort', 200, 'gus', topologyRoute, ''],
    ['a grader of her cohort, objects', 200, 'gus', objectsRoute, '?kind=po'],
    ['no session', 401, null, topologyRoute, ''],
    ['no session, objects', 401, null, objectsRoute, '?kind=po'],
    ['another learner', 403, 'omar', topologyRoute, ''],
    ['another learner, objects', 403, 'omar', objectsRoute, '?kind=po'],
    ['another learner, YAML', 403, 'omar', yamlRoute, '?kind=vs&namespace=default&name=reviews'],
    ['a grader of another cohort', 403, 'hal', topologyRoute, ''],
    ['a grader of another cohort, YAML', 403, 'hal', yamlRoute, '?kind=vs&namespace=default&name=reviews'],
  ] as const)('answers %s with %i', async (_name, status, who, route, query) => {
    expect((await get(route, who, query)).status).toBe(status)
  })

  it.each([
    ['an unknown session', 404, topologyRoute, '', UNKNOWN_ID, 'No such lab session.'],
    ['a malformed session id', 404, objectsRoute, '?kind=po', 'not-a-uuid', 'No such lab session.'],
    ['an unknown kind', 400, objectsRoute, '?kind=x', '', 'the server doesn\'t have a resource type "x"'],
    ['an unknown kind, YAML', 400, yamlRoute, '?kind=widgets&name=a', '', 'the server doesn\'t have a resource type "widgets"'],
    ['no kind', 400, objectsRoute, '', '', undefined],
    ['an oversized kind', 400, objectsRoute, `?kind=${'p'.repeat(81)}`, '', 'A resource type is at most 80 characters.'],
    ['a malformed namespace', 400, objectsRoute, '?kind=po&namespace=Bad_NS', '', 'A namespace is lower-case letters, digits and dashes.'],
    ['an oversized name', 400, yamlRoute, `?kind=po&name=${'a'.repeat(254)}`, '', 'A name is at most 253 characters.'],
    ['a missing object', 404, yamlRoute, '?kind=pods&namespace=default&name=nope', '', 'pods "nope" not found'],
  ] as const)('answers %s with %i', async (_name, status, route, query, sessionId, message) => {
    const res = await get(route, 'lena', query, sessionId || id)
    expect(res.status).toBe(status)
    if (message) expect(res.json.error.message).toBe(message)
    else expect(res.json.error.message).toEqual(expect.any(String))
  })
})
