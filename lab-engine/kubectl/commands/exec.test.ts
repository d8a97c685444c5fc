import { describe, expect, it } from 'vitest'
import { createSimSession, runScript } from '../../sim/session'

const TWO_CONTAINERS = `apiVersion: v1
kind: Pod
metadata:
  name: duo
  annotations: {}
spec:
  initContainers:
  - {name: istio-init, image: docker.io/istio/proxyv2:1.26.0}
  containers:
  - {name: app, image: curlimages/curl, command: [sleep, infinity]}
  - {name: istio-proxy, image: docker.io/istio/proxyv2:1.26.0}
`

async function last(script: string, files: Record<string, string> = {}) {
  const results = await runScript(script, { seed: 5, files })
  return results.at(-1)!
}

const SETUP = 'kubectl run client --image=curlimages/curl -- sleep infinity\nsleep 5\n'

describe('kubectl exec', () => {
  it('runs the command and passes its output through', async () => {
    const r = await last(`${SETUP}kubectl exec client -- hostname`)
    expect(r).toMatchObject({ stdout: 'client\n', stderr: '', exitCode: 0 })
  })

  it('returns the remote exit code with kubectl\'s line', async () => {
    const r = await last(`${SETUP}kubectl exec client -- sh -c 'exit 7'`)
    expect(r).toMatchObject({ stdout: '', stderr: 'command terminated with exit code 7\n', exitCode: 7 })
  })

  it('refuses the old form without --', async () => {
    const r = await last(`${SETUP}kubectl exec client ls`)
    expect(r.stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n")
    expect(r.exitCode).toBe(1)
  })

  it('reports missing pods, bad containers and not-yet-running containers', async () => {
    expect((await last('kubectl exec nope -- ls')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect((await last(`${SETUP}kubectl exec client -c other -- ls`)).stderr).toBe('Error from server (BadRequest): container other is not valid for pod client\n')
    expect((await last('kubectl run early --image=nginx\nkubectl exec early -- ls')).stderr).toBe('error: unable to upgrade connection: container not found ("early")\n')
    expect((await last(`${SETUP}kubectl exec client`)).stderr).toBe('error: you must specify at least one command for the container\n')
    expect((await last(`${SETUP}kubectl exec -- ls`)).stderr).toBe('error: pod, type/name or --filename must be specified\n')
    expect((await last(`${SETUP}kubectl exec client ignored -- hostname`)).stdout).toBe('client\n')
  })

  it('reports a program the image lacks as containerd does, exit 1', async () => {
    const r = await last('kubectl run web --image=nginx\nsleep 5\nkubectl exec web -- wget -qO- web')
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "wget": executable file not found in \$PATH: unknown\n$/)
    expect(r.exitCode).toBe(1)
  })

  it('defaults to the first container and says so; the annotation picks another silently', async () => {
    const r = await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl exec duo -- hostname', { 'duo.yaml': TWO_CONTAINERS })
    expect(r.stderr).toBe('Defaulted container "app" out of: app, istio-proxy, istio-init (init)\n')
    const annotated = TWO_CONTAINERS.replace('annotations: {}', "annotations: {kubectl.kubernetes.io/default-container: istio-proxy}")
    const r2 = await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl exec duo -- which pilot-agent', { 'duo.yaml': annotated })
    expect(r2).toMatchObject({ stdout: '/usr/bin/pilot-agent\n', stderr: '', exitCode: 0 })
    const broken = TWO_CONTAINERS.replace('annotations: {}', 'annotations: {kubectl.kubernetes.io/default-container: gone}')
    const r3 = await last('kubectl apply -f duo.yaml\nsleep 5\nkubectl exec duo -- hostname', { 'duo.yaml': broken })
    expect(r3).toMatchObject({ stdout: '', stderr: 'error: container gone is not valid for pod duo out of: app, istio-proxy, istio-init (init)\n', exitCode: 1 })
  })

  it('finds a pod through deploy/NAME and svc/NAME', async () => {
    const script = 'kubectl create deployment tools --image=curlimages/curl\nkubectl expose deployment tools --port=80\nkubectl rollout status deploy/tools\n'
    expect((await last(`${script}kubectl exec deploy/tools -- hostname`)).stdout).toMatch(/^tools-[0-9a-z]+-[0-9a-z]{5}\n$/)
    expect((await last(`${script}kubectl exec svc/tools -- hostname`)).stdout).toMatch(/^tools-/)
    expect((await last('kubectl exec deploy/nope -- ls')).stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n')
  })

  it('accepts -it and warns that stdin is not a terminal; -t alone or -q stays quiet', async () => {
    const r = await last(`${SETUP}kubectl exec -it client -- sh -c 'echo hi'`)
    expect(r).toMatchObject({ stdout: 'hi\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n', exitCode: 0 })
    expect((await last(`${SETUP}kubectl exec -t client -- sh -c 'echo hi'`)).stderr).toBe('')
    expect((await last(`${SETUP}kubectl exec -itq client -- sh -c 'echo hi'`)).stderr).toBe('')
  })

  it('refuses a completed pod and honours -n', async () => {
    const s = createSimSession({ seed: 5 })
    try {
      await s.run('kubectl create namespace tools\nkubectl run job -n tools --image=curlimages/curl -- true\nsleep 5')
      const [inNs] = await s.run('kubectl exec -n tools job -- hostname')
      expect(inNs).toMatchObject({ stdout: 'job\n', exitCode: 0 })
      s.store.mutate({ kind: 'Pod', name: 'job', namespace: 'tools' }, (d) => { (d.status as { phase: string }).phase = 'Succeeded' })
      const [done] = await s.run('kubectl exec -n tools job -- hostname')
      expect(done).toMatchObject({ stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n', exitCode: 1 })
      expect((await s.run('kubectl exec job -- hostname'))[0]!.stderr).toBe('Error from server (NotFound): pods "job" not found\n')
    } finally {
      s.dispose()
    }
  })

  it('passes stdin only with -i', async () => {
    expect((await last(`${SETUP}echo 'echo piped' | kubectl exec -i client -- sh`)).stdout).toBe('piped\n')
    expect((await last(`${SETUP}echo 'echo piped' | kubectl exec client -- sh`)).stdout).toBe('')
  })
})
