// kubectl replace -f (and --force) and kubectl edit through a scripted UiChannel editor.
import { describe, expect, it } from 'vitest'
import type { UiChannel } from '../../core/ui-channel'
import { createSimSession, type SimSession } from '../../sim/session'
import { DEPLOY_AND_SERVICE, run } from './script.test-util'

const SETUP = `cat > /tmp/app.yaml <<'EOF'
${DEPLOY_AND_SERVICE}EOF
kubectl apply -f /tmp/app.yaml >/dev/null`

describe('kubectl replace', () => {
  it('replaces live objects, refuses missing ones, and --force recreates', async () => {
    const out = await run(`${SETUP}
sed 's/replicas: 2/replicas: 4/' /tmp/app.yaml > /tmp/app4.yaml
kubectl replace -f /tmp/app4.yaml
kubectl get deploy web -o jsonpath='{.spec.replicas}'
kubectl delete svc web >/dev/null
kubectl replace -f /tmp/app.yaml
kubectl apply -f /tmp/app.yaml >/dev/null
kubectl replace --force -f /tmp/app.yaml
kubectl replace`)
    expect(out).toContain('$ kubectl replace -f /tmp/app4.yaml\ndeployment.apps/web replaced\nservice/web replaced\n')
    expect(out).toContain("{.spec.replicas}'\n4")
    expect(out).toContain('deployment.apps/web replaced\n! Error from server (NotFound): error when replacing "/tmp/app.yaml": services "web" not found\n[exit 1]')
    expect(out).toContain('deployment.apps "web" deleted\ndeployment.apps/web replaced\nservice "web" deleted\nservice/web replaced\n')
    expect(out).toContain('! error: must specify --filename to replace')
  })

  it('refuses a changed Deployment selector, through replace and patch alike', async () => {
    const out = await run(`${SETUP}
sed 's/app: web}/app: web2}/' /tmp/app.yaml > /tmp/app2.yaml
kubectl replace -f /tmp/app2.yaml
kubectl patch deploy web -p '{"spec":{"selector":{"matchLabels":{"app":"x"}}}}'`)
    expect(out).toContain('! The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable')
    expect(out).toContain('! The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable')
  })
})

/** An editor that applies each step's change to the file in turn, then closes unsaved. */
function scriptedEditor(steps: ((text: string) => string | null)[], seen: string[]): { ui: UiChannel; bind(s: SimSession): void } {
  let session: SimSession | undefined
  return {
    bind: (s) => { session = s },
    ui: {
      emit: () => {},
      async edit(path) {
        const text = session!.vfs.readFile(path)
        seen.push(text)
        const step = steps.shift()
        const next = step ? step(text) : null
        if (next === null) return false
        session!.vfs.writeFile(path, next)
        return true
      },
    },
  }
}

async function shell(session: SimSession, line: string): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const code = await session.shell.run(line, { stdin: '', stdout: { write: (s) => { out += s } }, stderr: { write: (s) => { err += s } } })
  return { code, out, err }
}

async function withEditor(steps: ((text: string) => string | null)[]) {
  const seen: string[] = []
  const editor = scriptedEditor(steps, seen)
  const session = createSimSession({ seed: 1, ui: editor.ui })
  editor.bind(session)
  await shell(session, 'kubectl create deployment web --image=nginx:1.27')
  return { session, seen }
}

describe('kubectl edit', () => {
  it('shows the header and YAML, and stores the saved change', async () => {
    const { session, seen } = await withEditor([(t) => t.replace('replicas: 1', 'replicas: 3')])
    const r = await shell(session, 'kubectl edit deployment/web')
    expect(r).toMatchObject({ code: 0, out: 'deployment.apps/web edited\n' })
    expect(seen[0]).toMatch(/^# Please edit the object below. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit\. If an error occurs while saving this file will be\n# reopened with the relevant failures\.\n#\napiVersion: apps\/v1\nkind: Deployment\n/)
    expect((await shell(session, "kubectl get deploy web -o jsonpath='{.spec.replicas}'")).out).toBe('3')
    expect(session.vfs.readdir('/tmp').filter((n) => n.startsWith('kubectl-edit'))).toEqual([])
    session.dispose()
  })

  it('cancels when nothing changed or the editor closed unsaved', async () => {
    const { session } = await withEditor([(t) => t, () => null])
    expect((await shell(session, 'kubectl edit deploy web')).out).toBe('Edit cancelled, no changes made.\n')
    expect((await shell(session, 'kubectl edit deploy web')).out).toBe('Edit cancelled, no changes made.\n')
    session.dispose()
  })

  it('reopens with the error on an invalid save; the same invalid save cancels and changes nothing', async () => {
    const bad = (t: string) => t.replace('replicas: 1', 'replicass: 1')
    const { session, seen } = await withEditor([bad, (t) => t])
    const before = (await shell(session, 'kubectl get deploy web -o yaml')).out
    const r = await shell(session, 'kubectl edit deploy web')
    expect(r.code).toBe(1)
    expect(r.err).toBe('error: Edit cancelled, no valid changes were saved.\n')
    expect(seen[1]).toContain('# deployments.apps "web" was not valid:\n# * ')
    expect(seen[1]).toContain('replicass')
    expect((await shell(session, 'kubectl get deploy web -o yaml')).out).toBe(before)
    session.dispose()
  })

  it('returns 130 and removes the temp file when interrupted while the editor is open', async () => {
    const controller = new AbortController()
    const session = createSimSession({ seed: 1, ui: { emit: () => {}, edit: async (_p, _t, signal) => { controller.abort(); throw signal.reason ?? new Error('aborted') } } })
    await shell(session, 'kubectl create deployment web --image=nginx:1.27')
    const code = await session.shell.run('kubectl edit deploy web', { stdin: '', signal: controller.signal, stdout: { write: () => {} }, stderr: { write: () => {} } })
    expect(code).toBe(130)
    expect(session.vfs.readdir('/tmp').filter((n) => n.startsWith('kubectl-edit'))).toEqual([])
    session.dispose()
  })

  it('fails like kubectl without an editor in the headless CLI', async () => {
    const out = await run('kubectl create deployment web --image=nginx:1.27\nkubectl edit deploy web\nkubectl edit deploy nope')
    expect(out).toContain('! error: unable to launch the editor "vi"\n[exit 1]')
    expect(out).toContain('! Error from server (NotFound): deployments.apps "nope" not found')
  })
})
