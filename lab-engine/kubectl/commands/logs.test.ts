import { describe, expect, it } from 'vitest'
import { podLogsFor } from '../../cluster/pod-logs'
import { createSimSession, runScript } from '../../sim/session'

const DUO = `apiVersion: v1
kind: Pod
metadata: {name: duo, labels: {app: duo}}
spec:
  containers:
  - {name: web, image: nginx:1.27}
  - {name: istio-proxy, image: docker.io/istio/proxyv2:1.26.0}
`

async function last(script: string, files: Record<string, string> = {}) {
  return (await runScript(script, { seed: 9, files })).at(-1)!
}

const NGINX_LINES = '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n' +
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n/docker-entrypoint.sh: Configuration complete; ready for start up\n'

describe('kubectl logs', () => {
  it('prints a running container\'s start-up lines', async () => {
    expect(await last('kubectl run web --image=nginx:1.27\nsleep 5\nkubectl logs web')).toMatchObject({ stdout: NGINX_LINES, stderr: '', exitCode: 0 })
  })

  it('--tail and --timestamps', async () => {
    const r = await last('kubectl run web --image=nginx:1.27\nsleep 5\nkubectl logs web --tail=1 --timestamps')
    expect(r.stdout).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \/docker-entrypoint\.sh: Configuration complete; ready for start up\n$/)
  })

  it('defaults to the first container of several and names the choice; -c picks one; a bad -c is refused', async () => {
    const files = { 'duo.yaml': DUO }
    const r = await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl logs duo', files)
    expect(r.stderr).toBe('Defaulted container "web" out of: web, istio-proxy\n')
    expect(r.stdout).toBe(NGINX_LINES)
    expect((await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl logs duo -c istio-proxy', files)).stdout).toContain('Envoy proxy is ready')
    expect((await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl logs duo -c nope', files)).stderr).toBe('error: container nope is not valid for pod duo\n')
    const all = await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl logs duo --all-containers --prefix', files)
    expect(all.stdout).toContain('[pod/duo/web] /docker-entrypoint.sh')
    expect(all.stdout).toMatch(/\[pod\/duo\/istio-proxy\] \d{4}-\d\d-\d\dT[\d:.]+Z\tinfo\tEnvoy proxy is ready\n/)
    const broken = { 'duo.yaml': DUO.replace('labels: {app: duo}}', 'labels: {app: duo}, annotations: {kubectl.kubernetes.io/default-container: gone}}') }
    const r2 = await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl logs duo', broken)
    expect(r2.stderr).toBe('Default container name "gone" not found in pod duo\nDefaulted container "web" out of: web, istio-proxy\n')
    expect(r2.stdout).toBe(NGINX_LINES)
  })

  it('reports waiting containers, --previous and missing pods as the server does', async () => {
    expect((await last('kubectl run web --image=nginx\nkubectl logs web')).stderr).toBe('Error from server (BadRequest): container "web" in pod "web" is waiting to start: ContainerCreating\n')
    expect((await last('kubectl run web --image=nginx\nsleep 5\nkubectl logs web -p')).stderr).toBe('Error from server (BadRequest): previous terminated container "web" in pod "web" not found\n')
    expect((await last('kubectl logs nope')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect((await last('kubectl logs')).stderr).toContain("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.")
    expect((await last('kubectl logs -l app=none')).stderr).toBe('No resources found in default namespace.\n')
  })

  it('--since keeps recent lines and rejects durations Go would reject', async () => {
    const s = createSimSession({ seed: 2 })
    try {
      await s.run('kubectl run web --image=nginx\nsleep 5')
      const pod = s.store.get({ kind: 'Pod', name: 'web', namespace: 'default' })!
      const logs = podLogsFor(s.store, () => s.clock.now())
      logs.appendLog(pod.metadata.uid, 'web', 'old line')
      await s.run('sleep 120')
      logs.appendLog(pod.metadata.uid, 'web', 'new line')
      expect((await s.run('kubectl logs web --since=1m'))[0]!.stdout).toBe('new line\n')
      expect((await s.run('kubectl logs web --since=1h30m'))[0]!.stdout).toContain('old line\nnew line\n')
      expect((await s.run('kubectl logs web --since=10'))[0]!.stderr).toBe('error: invalid argument "10" for "--since" flag: time: missing unit in duration "10"\nSee \'kubectl logs --help\' for usage.\n')
      expect((await s.run('kubectl logs web --since=abc'))[0]!.stderr).toContain('time: invalid duration "abc"')
    } finally {
      s.dispose()
    }
  })

  it('deploy/NAME picks one pod and says how many there were', async () => {
    const r = await last('kubectl create deployment web --image=nginx --replicas=2\nkubectl rollout status deploy/web\nkubectl logs deploy/web')
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[0-9a-z]+-[0-9a-z]{5}\n$/)
    expect(r.stdout).toBe(NGINX_LINES)
  })

  it('shows lines apps appended, and -f in virtual time prints what exists and exits 0', async () => {
    const s = createSimSession({ seed: 2 })
    try {
      await s.run('kubectl run web --image=nginx\nsleep 5')
      const pod = s.store.get({ kind: 'Pod', name: 'web', namespace: 'default' })!
      podLogsFor(s.store, () => s.clock.now()).appendLog(pod.metadata.uid, 'web', '10.244.0.7 - - "GET / HTTP/1.1" 200 615')
      const [r] = await s.run('kubectl logs -f web --tail=1')
      expect(r).toMatchObject({ stdout: '10.244.0.7 - - "GET / HTTP/1.1" 200 615\n', exitCode: 0 })
    } finally {
      s.dispose()
    }
  })

  it('-f in real time streams appended lines until Ctrl-C', async () => {
    const s = createSimSession({ seed: 2 })
    try {
      await s.run('kubectl run web --image=nginx\nsleep 5')
      const pod = s.store.get({ kind: 'Pod', name: 'web', namespace: 'default' })!
      const { createKubectlCommand } = await import('./index')
      const kubectl = createKubectlCommand({ store: s.store, clock: s.clock, mode: 'realtime' })
      const ac = new AbortController()
      let out = ''
      const sink = { write: (t: string) => { out += t } }
      const running = kubectl.run({ argv: ['kubectl', 'logs', '-f', 'web', '--tail=0'], stdin: '', stdout: sink, stderr: sink, env: {}, vfs: s.vfs, cwd: '/', clock: s.shell.clock, signal: ac.signal, shell: s.shell.state, input: undefined as never, registry: s.shell.registry })
      await new Promise((r) => setTimeout(r, 5))
      podLogsFor(s.store, () => s.clock.now()).appendLog(pod.metadata.uid, 'web', 'GET /healthz 200')
      ac.abort()
      expect(await running).toBe(130)
      expect(out).toBe('GET /healthz 200\n')
      const again = kubectl.run({ argv: ['kubectl', 'logs', '-f', 'web', '--tail=0'], stdin: '', stdout: sink, stderr: sink, env: {}, vfs: s.vfs, cwd: '/', clock: s.shell.clock, signal: new AbortController().signal, shell: s.shell.state, input: undefined as never, registry: s.shell.registry })
      await new Promise((r) => setTimeout(r, 5))
      s.store.delete({ kind: 'Pod', name: 'web', namespace: 'default' })
      expect(await again).toBe(0)
    } finally {
      s.dispose()
    }
  })
})
