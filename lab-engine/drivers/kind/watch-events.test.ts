import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../engine-event'
import { FakeCommandRunner } from './fake-command-runner'
import { JsonObjectSplitter, MAX_JSON_VALUE_CHARS } from './json-stream'
import { virtualHost } from './kind-fixtures.test-util'
import { toEngineEvent, watchResources, WATCH_RETRY_MS } from './watch-events'

const kubectl = (...a: string[]) => ['kubectl', ...a]
const tick = () => new Promise((res) => setImmediate(res))

describe('JsonObjectSplitter', () => {
  it('splits indented objects printed back to back, whatever the chunking', () => {
    const a = { type: 'ADDED', object: { kind: 'Service', metadata: { name: 'a{b}"c', annotations: { x: 'quote \\" and } brace' } } } }
    const b = { type: 'MODIFIED', object: { kind: 'Service', metadata: { name: 'd' } } }
    const text = JSON.stringify(a, null, 4) + '\n' + JSON.stringify(b, null, 4) + '\n'
    for (const size of [1, 7, 64, text.length]) {
      const s = new JsonObjectSplitter()
      const got: unknown[] = []
      for (let i = 0; i < text.length; i += size) got.push(...s.push(text.slice(i, i + size)))
      expect(got).toEqual([a, b])
    }
  })

  it('drops a value that grows past the cap, and carries on with the next', () => {
    const s = new JsonObjectSplitter()
    expect(s.push('{"big": "' + 'x'.repeat(MAX_JSON_VALUE_CHARS))).toEqual([])
    expect(s.dropped).toBe(1)
    expect(s.push('"}\n{"ok": 1}\n')).toEqual([{ ok: 1 }])
  })
})

describe('toEngineEvent', () => {
  it('maps ADDED/MODIFIED/DELETED; cluster-scoped objects have no namespace; BOOKMARK and ERROR give nothing', () => {
    const ns = { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'bookinfo', resourceVersion: '88' } }
    expect(toEngineEvent({ type: 'MODIFIED', object: ns })).toEqual({ v: 1, type: 'resource', change: 'modified', kind: 'Namespace', apiVersion: 'v1', name: 'bookinfo', resourceVersion: '88' })
    expect(toEngineEvent({ type: 'BOOKMARK', object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '12' } } })).toBeUndefined()
    expect(toEngineEvent({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, code: 410 } })).toBeUndefined()
  })
})

describe('watchResources, with a fake command runner', () => {
  it('reopens a watch the API server closed, and pauses before retrying one that failed at once', async () => {
    const { clock, host } = virtualHost()
    const runner = new FakeCommandRunner(host)
    runner.on(['kubectl', 'get', 'gateways.networking.istio.io'], { hang: true })
    runner.once(['kubectl', 'get', 'gateways.networking.istio.io'], { exitCode: 1, stderr: 'error: the server doesn\'t have a resource type "gateways"\n' })
    const logs: string[] = []
    const stream = watchResources({ runner, host, kubectl, resources: ['gateways.networking.istio.io'], log: (m) => logs.push(m) })
    await tick()
    expect(runner.calls).toHaveLength(1)
    expect(logs[0]).toMatch(/watch of gateways.networking.istio.io ended after 0 ms \(exit 1\).*retrying in 10000 ms/)
    clock.advanceBy(WATCH_RETRY_MS)
    await tick()
    expect(runner.calls).toHaveLength(2)
    stream.dispose()
  })

  it('disposing the stream kills every watch and ends the iteration', async () => {
    const { host } = virtualHost()
    const runner = new FakeCommandRunner(host).on(['kubectl', 'get'], { hang: true })
    const stream = watchResources({ runner, host, kubectl, resources: ['pods', 'services'] })
    const it = stream[Symbol.asyncIterator]()
    const next = it.next()
    await tick()
    stream.dispose()
    expect(await next).toEqual({ value: undefined, done: true })
    await tick()
    expect(runner.calls).toHaveLength(2)
  })

  it('a burst of events reaches the reader in order', async () => {
    const { host } = virtualHost()
    const events = Array.from({ length: 5 }, (_, i) => JSON.stringify({ type: 'ADDED', object: { kind: 'Pod', apiVersion: 'v1', metadata: { name: `p${i}`, namespace: 'default', resourceVersion: String(i) } } }))
    const runner = new FakeCommandRunner(host).on(['kubectl', 'get', 'pods'], { chunks: [events.join('\n')], hang: true })
    const stream = watchResources({ runner, host, kubectl, resources: ['pods'] })
    const got: EngineEvent[] = []
    for await (const e of stream) if (got.push(e) === 5) break
    expect(got.map((e) => (e.type === 'resource' ? e.name : ''))).toEqual(['p0', 'p1', 'p2', 'p3', 'p4'])
  })
})
