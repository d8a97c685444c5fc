// kubectl get -w: the table, then a row per change, bounded in virtual time.
import { describe, expect, it } from 'vitest'
import { createSimSession } from '../../sim/session'
import { run } from './script.test-util'
import { RememberedWidths } from './watch'

describe('kubectl get --watch', () => {
  it('prints the list and then each change as simulated time runs, and exits 0', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27 >/dev/null
kubectl get pods -w`)
    const lines = out.split('\n').slice(2).filter(Boolean)
    expect(lines[0]).toMatch(/^NAME {2,}READY   STATUS    RESTARTS   AGE$/)
    expect(lines[1]).toMatch(/^web-H+-xxxxx   0\/1     Pending   0          0s$/)
    // Later rows show the pod moving on: scheduled, container creating, running.
    expect(lines.some((l) => /ContainerCreating/.test(l))).toBe(true)
    // Widths are remembered and only grow: Running stays in the column ContainerCreating widened.
    expect(lines[lines.length - 1]).toMatch(/^web-H+-xxxxx   1\/1     Running             0          \d+s$/)
    expect(out).not.toContain('[exit')
  })

  it('--watch-only prints the header with the first change only, filtered by selector', async () => {
    const out = await run(`kubectl create deployment web --image=nginx:1.27 >/dev/null
kubectl create deployment api --image=nginx:1.27 >/dev/null
kubectl rollout status deploy/web >/dev/null
kubectl rollout status deploy/api >/dev/null
kubectl scale deploy web --replicas=2 >/dev/null
kubectl scale deploy api --replicas=2 >/dev/null
kubectl get pods -l app=web --watch-only
kubectl get deploy --watch-only`)
    const watched = out.slice(out.indexOf('--watch-only\n') + '--watch-only\n'.length, out.indexOf('$ kubectl get deploy --watch-only'))
    const lines = watched.split('\n').filter(Boolean)
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS/)
    expect(lines.slice(1).every((l) => /^web-H+-xxxxx\s/.test(l))).toBe(true)
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.filter((l) => l.startsWith('NAME'))).toHaveLength(1)
    // Nothing changes once everything has settled, so a bare --watch-only prints nothing and returns.
    expect(out.endsWith('$ kubectl get deploy --watch-only\n')).toBe(true)
  })

  it('refuses to watch objects of several kinds at once', async () => {
    const out = await run('kubectl create deployment web --image=nginx:1.27 >/dev/null\nkubectl expose deploy web --port=80 >/dev/null\nkubectl get deploy,svc -w')
    expect(out).toMatch(/! error: watch is only supported on individual resources and resource collections, but \d+ resources were found\n\[exit 1\]/)
    expect(out).not.toContain('NAME')
  })

  it('remembers column widths across rows', () => {
    const table = new RememberedWidths()
    expect(table.align('NAME   READY   STATUS\nab     0/1     Pending\n')).toBe('NAME   READY   STATUS\nab     0/1     Pending\n')
    expect(table.align('abcdefgh   0/1   ContainerCreating\n')).toBe('abcdefgh   0/1     ContainerCreating\n')
    expect(table.align('ab   1/1   Running\n')).toBe('ab         1/1     Running\n')
  })

  it('stops after the simulated-time cap even while timers keep firing', async () => {
    const session = createSimSession({ seed: 2 })
    try {
      const start = session.clock.now()
      const code = await session.shell.run('kubectl get nodes -w', { stdin: '', stdout: { write: () => {} }, stderr: { write: () => {} } })
      expect(code).toBe(0)
      expect(session.clock.now() - start).toBeLessThanOrEqual(30_000)
    } finally {
      session.dispose()
    }
  })
})
