// Image profiles: which programs a container has, checked through `kubectl exec` in a sim session.
import { afterEach, describe, expect, it } from 'vitest'
import { createSimSession, type SimSession } from '../sim/session'
import { imageProfile } from './images'

let session: SimSession | undefined
afterEach(() => session?.dispose())

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: curl}
spec:
  containers:
  - {name: curl, image: curlimages/curl:8.11.1, command: [sleep, infinity], env: [{name: GREETING, value: hello}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - {name: web, image: nginx:1.27, env: [{name: GREETING, value: hola}]}
---
apiVersion: v1
kind: Pod
metadata: {name: fortio}
spec:
  containers:
  - {name: fortio, image: fortio/fortio:latest_release}
`

async function started(): Promise<SimSession> {
  session = createSimSession({ seed: 5, files: { 'pods.yaml': PODS } })
  await session.run('kubectl apply -f pods.yaml\nsleep 5')
  return session
}

describe('printenv in images', () => {
  it('is in BusyBox-based and Debian-based images, not in scratch or distroless ones', () => {
    for (const image of ['curlimages/curl:8.11.1', 'busybox:1.36', 'nginx:1.27', 'docker.io/istio/examples-bookinfo-details-v1:1.20.2', 'docker.io/kennethreitz/httpbin']) {
      expect(imageProfile(image).programs, image).toContain('printenv')
    }
    expect(imageProfile('fortio/fortio:latest_release').programs).not.toContain('printenv')
    expect(imageProfile('docker.io/mccutchen/go-httpbin:v2.15.0').programs).not.toContain('printenv')
  })

  it('prints the container env through kubectl exec, exit 1 for an unset name', async () => {
    const s = await started()
    const [curl, web, missing, all, fortio] = await s.run([
      'kubectl exec curl -- printenv GREETING HOSTNAME',
      'kubectl exec web -- printenv GREETING',
      'kubectl exec web -- printenv NOPE',
      'kubectl exec curl -- printenv',
      'kubectl exec fortio -- printenv',
    ].join('\n'))
    expect(curl!.stdout).toBe('hello\ncurl\n')
    expect(web!.stdout).toBe('hola\n')
    expect([missing!.stdout, missing!.exitCode]).toEqual(['', 1])
    expect(all!.stdout.split('\n')).toEqual(expect.arrayContaining(['GREETING=hello', 'HOSTNAME=curl', 'KUBERNETES_SERVICE_HOST=10.96.0.1']))
    expect(fortio!.exitCode).not.toBe(0)
    expect(fortio!.stderr).toContain('"printenv": executable file not found in $PATH')
  })
})
