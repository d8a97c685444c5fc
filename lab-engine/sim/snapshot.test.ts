import { describe, expect, it } from 'vitest'
import { createSimSession, decodeSnapshot, encodeSnapshot, SnapshotError } from './session'
import { MAX_SNAPSHOT_BYTES } from './snapshot'

const out = (results: { stdout: string }[]) => results.map((r) => r.stdout).join('')

describe('sim snapshots', () => {
  it('a restored session has the same objects, files, variables, history, time and random draws', async () => {
    const a = createSimSession({ seed: 7 })
    await a.run('kubectl create deployment web --image=nginx --replicas=2\nkubectl rollout status deployment/web\nexport GREETING=hello\nmkdir -p work && echo kept > work/note.txt\ncd work')
    // The line editor keeps history (session.run does not, like a script).
    a.shell.state.history.add('cd work')
    const text = encodeSnapshot(a.snapshot())
    const b = createSimSession({ seed: 'ignored', restore: decodeSnapshot(text) })
    const probe = 'kubectl get pods -o name\ncat note.txt\necho $GREETING\npwd\ndate +%s\nkubectl create deployment other --image=nginx\nkubectl get pods -l app=other -o name'
    const [left, right] = [await a.run(probe), await b.run(probe)]
    expect(out(right)).toContain('pod/web-')
    expect(out(right)).toContain('kept\nhello\n/home/learner/work\n')
    // Same time and the same Rng state: the next generated pod name is the same in both.
    expect(out(right)).toBe(out(left))
    expect(b.shell.state.history.list()).toEqual(['cd work'])
    a.dispose()
    b.dispose()
  })

  it('controllers pick up where they were: pods pending at the snapshot become Running after restore', async () => {
    const a = createSimSession({ seed: 3 })
    await a.run('kubectl create deployment web --image=nginx')
    const snap = a.snapshot()
    const pending = snap.objects.objects.filter((o) => o.kind === 'Pod' && o.metadata.name.startsWith('web-'))
    expect(pending.map((p) => (p.status as { phase?: string }).phase)).toEqual(['Pending'])
    a.dispose()
    const b = createSimSession({ seed: 3, restore: decodeSnapshot(encodeSnapshot(snap)) })
    const [wait] = await b.run('kubectl wait --for=condition=Ready pod -l app=web --timeout=60s')
    expect(wait!.exitCode).toBe(0)
    expect(wait!.stdout).toMatch(/^pod\/web-\S+ condition met\n$/)
    b.dispose()
  })

  it.each([
    ['corrupt text', '{"schemaVersion": 1, "objects": [', /not valid JSON/],
    ['an older schema', JSON.stringify({ schemaVersion: 0 }), /schema version 0 is not 1/],
    ['a wrong shape', JSON.stringify({ schemaVersion: 1, seed: 1, objects: { resourceVersion: -1, objects: [] } }), /wrong shape: objects.resourceVersion/],
  ])('refuses %s with a SnapshotError', (_name, text, message) => {
    expect(() => decodeSnapshot(text)).toThrow(SnapshotError)
    expect(() => decodeSnapshot(text)).toThrow(message)
  })

  it('refuses to encode a session state past the size cap', async () => {
    const a = createSimSession({ seed: 1 })
    const snap = a.snapshot()
    const big = { ...snap, history: ['x'.repeat(MAX_SNAPSHOT_BYTES)] }
    expect(() => encodeSnapshot(big)).toThrow(/over the 8388608-byte snapshot limit/)
    a.dispose()
  })
})
