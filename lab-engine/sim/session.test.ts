// Sim session: statement-by-statement results, virtual time, preloaded files, determinism.
import { describe, expect, it } from 'vitest'
import { createSimSession, runScript } from './session'

const SCRIPT = `kubectl create namespace shop
kubectl create deployment web -n shop --image=nginx:1.27 --replicas=3
sleep 5
kubectl get pods -n shop -o wide
kubectl get svc,deploy,rs -A -o yaml | head -40`

describe('createSimSession / runScript', () => {
  it('returns one result per top-level statement with simulated elapsed time', async () => {
    const results = await runScript('echo hi; echo err >&2; false\nsleep 2 && echo done')
    expect(results).toEqual([
      { command: 'echo hi', stdout: 'hi\n', stderr: '', exitCode: 0, elapsedMs: 0 },
      { command: 'echo err >&2', stdout: '', stderr: 'err\n', exitCode: 0, elapsedMs: 0 },
      { command: 'false', stdout: '', stderr: '', exitCode: 1, elapsedMs: 0 },
      { command: 'sleep 2 && echo done', stdout: 'done\n', stderr: '', exitCode: 0, elapsedMs: 2000 },
    ])
  })

  it('costs no real time for long sleeps in virtual mode', async () => {
    const started = performance.now()
    const [r] = await runScript('sleep 1h')
    expect(r!.elapsedMs).toBe(3_600_000)
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('gives identical output for the same seed and different pod names for another', async () => {
    const a = await runScript(SCRIPT, { seed: 42 })
    const b = await runScript(SCRIPT, { seed: 42 })
    const c = await runScript(SCRIPT, { seed: 43 })
    expect(a).toEqual(b)
    expect(a[3]!.stdout).toContain('Running')
    expect(c[3]!.stdout).not.toEqual(a[3]!.stdout)
  })

  it('preloads caller-provided files under the home directory', async () => {
    const session = createSimSession({ seed: 1, files: { 'samples/sleep/sleep.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sleep\n', '/etc/motd': 'hello\n' } })
    try {
      const results = await session.run('kubectl apply -f samples/sleep/sleep.yaml\ncat /etc/motd\npwd')
      expect(results.map((r) => r.stdout)).toEqual(['serviceaccount/sleep created\n', 'hello\n', '/home/learner\n'])
      expect(session.store.get({ kind: 'ServiceAccount', namespace: 'default', name: 'sleep' })).toBeDefined()
    } finally {
      session.dispose()
    }
  })

  it('reports a syntax error as one result and keeps the session usable', async () => {
    const session = createSimSession({ seed: 1 })
    try {
      const [bad] = await session.run('echo "unterminated')
      expect(bad).toMatchObject({ exitCode: 2, stderr: 'bash: syntax error: unexpected end of file\n' })
      const [ok] = await session.run('kubectl config current-context')
      expect(ok!.stdout).toBe('kind-kind\n')
    } finally {
      session.dispose()
    }
  })

  it('needs host timers for real time', () => {
    expect(() => createSimSession({ seed: 1, mode: 'realtime' })).toThrow(/host timers/)
  })

  it('runs in real time with host timers and still waits through the clock', async () => {
    let t = 1_000_000
    const host = { now: () => t, setTimeout: (fn: () => void, ms: number) => setTimeout(() => { t += ms; fn() }, 0), clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>) }
    const session = createSimSession({ seed: 1, mode: 'realtime', host })
    try {
      const results = await session.run('sleep 2; kubectl version --client')
      expect(results[0]!.elapsedMs).toBeGreaterThanOrEqual(2000)
      expect(results[1]!.stdout).toContain('Client Version')
    } finally {
      session.dispose()
    }
  })
})
