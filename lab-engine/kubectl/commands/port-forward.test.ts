import { describe, expect, it } from 'vitest'
import type { UiAction } from '../../core/ui-channel'
import { activePortForwards } from '../../pod-shell/network'
import { createSimSession, runScript } from '../../sim/session'

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{name: http-web, containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http-web}
`

const SETUP = 'kubectl apply -f app.yaml\nkubectl rollout status deploy/web\n'

async function last(script: string) {
  return (await runScript(script, { seed: 4, files: { 'app.yaml': APP } })).at(-1)!
}

describe('kubectl port-forward', () => {
  it('maps a service port to the pod\'s named target port', async () => {
    const r = await last(`${SETUP}kubectl port-forward svc/web 8080:80`)
    expect(r).toMatchObject({ stdout: 'Forwarding from 127.0.0.1:8080 -> 8080\nForwarding from [::1]:8080 -> 8080\n', exitCode: 0 })
    expect((await last(`${SETUP}kubectl port-forward svc/web 9000:http`)).stdout).toContain('127.0.0.1:9000 -> 8080')
    // A named service port without a local port listens on the service port's number.
    expect((await last(`${SETUP}kubectl port-forward svc/web http`)).stdout).toBe('Forwarding from 127.0.0.1:80 -> 8080\nForwarding from [::1]:80 -> 8080\n')
    expect((await last(`${SETUP}kubectl port-forward deploy/web :8080`)).stdout).toMatch(/^Forwarding from 127\.0\.0\.1:(\d+) -> 8080\n/)
  })

  it('forwards pod ports by number or name, with --address', async () => {
    const r = await last(`${SETUP}kubectl port-forward deploy/web 7000:http-web --address 0.0.0.0`)
    expect(r.stdout).toBe('Forwarding from 0.0.0.0:7000 -> 8080\n')
  })

  it('reports missing ports, missing args and pods that are not running', async () => {
    expect((await last(`${SETUP}kubectl port-forward svc/web 8080:81`)).stderr).toBe('error: Service web does not have a service port 81\n')
    expect((await last(`${SETUP}kubectl port-forward svc/web 8080:grpc`)).stderr).toBe("error: Service 'web' does not have a named port 'grpc'\n")
    expect((await last(`${SETUP}kubectl port-forward deploy/web 8080:grpc`)).stderr).toMatch(/^error: Pod 'web-[0-9a-z-]+' does not have a named port 'grpc'\n$/)
    expect((await last('kubectl port-forward svc/web')).stderr).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n")
    expect((await last('kubectl run p --image=nginx\nkubectl port-forward p 80')).stderr).toBe('error: unable to forward port because pod is not running. Current status=Pending\n')
    expect((await last(`${SETUP}kubectl port-forward svc/web abc:80`)).stderr).toBe(`error: error parsing local port 'abc': strconv.ParseUint: parsing "abc": invalid syntax\n`)
    expect((await last(`${SETUP}kubectl port-forward deploy/web 70000:80`)).stderr).toBe(`error: error parsing local port '70000': strconv.ParseUint: parsing "70000": value out of range\n`)
    expect((await last(`${SETUP}kubectl port-forward deploy/web 80:0`)).stderr).toBe('error: remote port must be > 0\n')
  })

  it('asks the browser for a preview and runs until Ctrl-C in real time', async () => {
    const emitted: UiAction[] = []
    const s = createSimSession({ seed: 1, files: { 'app.yaml': APP } })
    await s.run(SETUP)
    const env = { store: s.store, clock: s.clock, mode: 'realtime' as const, ui: { emit: (a: UiAction) => emitted.push(a), edit: async () => false } }
    const { createKubectlCommand } = await import('./index')
    const kubectl = createKubectlCommand(env)
    const ac = new AbortController()
    let out = ''
    const sink = { write: (t: string) => { out += t } }
    const running = kubectl.run({ argv: ['kubectl', 'port-forward', 'svc/web', '8080:80'], stdin: '', stdout: sink, stderr: sink, env: {}, vfs: s.vfs, cwd: '/', clock: s.shell.clock, signal: ac.signal, shell: s.shell.state, input: undefined as never, registry: s.shell.registry })
    await new Promise((r) => setTimeout(r, 10))
    expect(emitted).toEqual([{ action: 'open-preview', localPort: 8080, target: expect.stringMatching(/^web-.*\.default$/), remotePort: 8080 }])
    expect([...activePortForwards(s.store).values()]).toEqual([{ localPort: 8080, namespace: 'default', pod: expect.stringMatching(/^web-/), remotePort: 8080 }])
    let err2 = ''
    const second = await kubectl.run({ argv: ['kubectl', 'port-forward', 'deploy/web', '8080'], stdin: '', stdout: sink, stderr: { write: (t: string) => { err2 += t } }, env: {}, vfs: s.vfs, cwd: '/', clock: s.shell.clock, signal: ac.signal, shell: s.shell.state, input: undefined as never, registry: s.shell.registry })
    expect(second).toBe(1)
    expect(err2).toBe('Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\nerror: unable to listen on any of the requested ports: [{8080 8080}]\n')
    ac.abort()
    expect(await running).toBe(130)
    expect(out).toContain('Forwarding from 127.0.0.1:8080 -> 8080')
    expect(activePortForwards(s.store).size).toBe(0)
    s.dispose()
  })
})
