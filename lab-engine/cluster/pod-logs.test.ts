import { afterEach, describe, expect, it } from 'vitest'
import { createSimSession, type SimSession } from '../sim/session'
import { imageRepository, startupLines } from './log-seeds'
import { MAX_LOG_LINES, podLogsFor } from './pod-logs'

let session: SimSession | undefined
afterEach(() => session?.dispose())

async function runningPod(image: string) {
  session = createSimSession({ seed: 3 })
  await session.run(`kubectl run app --image=${image}\nsleep 5`)
  const pod = session.store.get({ kind: 'Pod', name: 'app', namespace: 'default' })!
  return { s: session, pod, logs: podLogsFor(session.store, () => session!.clock.now()) }
}

describe('pod logs', () => {
  it('seeds a started container with its image start-up lines, stamped from its start time', async () => {
    const { pod, logs } = await runningPod('nginx:1.27')
    const entries = logs.read(pod.metadata.uid, 'app')
    const started = Date.parse((pod.status as { containerStatuses: { state: { running: { startedAt: string } } }[] }).containerStatuses[0]!.state.running.startedAt)
    expect(entries.map((e) => e.line)).toEqual(startupLines('nginx:1.27', { pod, container: 'app', startedAt: started }))
    expect(entries.length).toBeGreaterThan(0)
    expect(entries[0]!.time).toBe(started)
  })

  it('appends after the seed lines, keeps only the newest MAX_LOG_LINES and tells followers', async () => {
    const { pod, logs } = await runningPod('nginx:1.27')
    const seen: string[] = []
    const sub = logs.follow(pod.metadata.uid, 'app', (e) => seen.push(e.line))
    for (let i = 0; i < MAX_LOG_LINES + 5; i++) logs.appendLog(pod.metadata.uid, 'app', `line ${i}`)
    sub.dispose()
    logs.appendLog(pod.metadata.uid, 'app', 'after')
    const entries = logs.read(pod.metadata.uid, 'app')
    expect(entries).toHaveLength(MAX_LOG_LINES)
    expect(entries.at(-1)!.line).toBe('after')
    expect(seen).toHaveLength(MAX_LOG_LINES + 5)
  })

  it('keeps nothing for unknown pods and drops a deleted pod\'s lines', async () => {
    const { s, pod, logs } = await runningPod('nginx:1.27')
    logs.appendLog('no-such-uid', 'app', 'lost')
    expect(logs.read('no-such-uid', 'app')).toEqual([])
    logs.appendLog(pod.metadata.uid, 'app', 'x')
    await s.run('kubectl delete pod app')
    expect(logs.read(pod.metadata.uid, 'app')).toEqual([])
  })

  it('a writer appends like appendLog, and after a deleted pod\'s lines are dropped it keeps nothing more of them', async () => {
    const { s, pod, logs } = await runningPod('nginx:1.27')
    const write = logs.writer(pod.metadata.uid, 'app')
    write('first')
    logs.appendLog(pod.metadata.uid, 'app', 'second')
    write('third')
    expect(logs.read(pod.metadata.uid, 'app').slice(-3).map((e) => e.line)).toEqual(['first', 'second', 'third'])
    await s.run('kubectl delete pod app')
    expect(logs.read(pod.metadata.uid, 'app')).toEqual([])
    write('after deletion')
    expect(logs.read(pod.metadata.uid, 'app')).toEqual([])
  })

  it('a writer for a container that has no buffer yet keeps nothing, and keeps lines once it has one', async () => {
    const { pod, logs } = await runningPod('nginx:1.27')
    const early = logs.writer('not-yet-started', 'app')
    early('lost')
    expect(logs.read('not-yet-started', 'app')).toEqual([])
    const write = logs.writer(pod.metadata.uid, 'app')
    write('kept')
    expect(logs.read(pod.metadata.uid, 'app').at(-1)!.line).toBe('kept')
  })

  it('stamps Istio proxy lines from the container start, in microseconds', async () => {
    const { pod } = await runningPod('docker.io/istio/proxyv2:1.26.0')
    const lines = startupLines('docker.io/istio/proxyv2:1.26.0', { pod, container: 'app', startedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678) })
    expect(lines[0]).toBe('2026-01-02T03:04:05.678000Z\tinfo\tFIPS mode disabled')
    expect(lines[3]).toContain('type=sidecar id=app.default domain=default.svc.cluster.local')
  })

  it('reads repositories from image references', () => {
    expect(imageRepository('docker.io/istio/proxyv2:1.26.0')).toBe('istio/proxyv2')
    expect(imageRepository('localhost:5000/app@sha256:abc')).toBe('app')
    expect(imageRepository('nginx')).toBe('nginx')
  })
})
