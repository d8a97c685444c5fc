// Real sim sessions for the bridge's tests: Istio installed, sample files preloaded, output joined per script.
import path from 'node:path'
import { sampleFiles } from '../../cli'
import { createSimSession, type SimSession } from '../../sim/session'

const FILES = sampleFiles(path.resolve(import.meta.dirname, '../../../content/samples'))

export const install = (profile: 'demo' | 'default') => `istioctl install --set profile=${profile} -y
kubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s
`

export const HTTPBIN_AND_FORTIO = `kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/httpbin/httpbin.yaml
kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')
`

export interface Ran { stdout: string; stderr: string; exitCode: number }

export async function newSession(setup: string, seed = 1): Promise<SimSession> {
  const s = createSimSession({ seed, files: FILES })
  const results = await s.run(setup)
  const failed = results.find((r) => r.exitCode !== 0)
  if (failed) throw new Error(`setup failed: ${failed.command}\n${failed.stderr}`)
  return s
}

/** Runs a script; stdout and stderr joined, the last statement's exit code. */
export async function run(s: SimSession, script: string): Promise<Ran> {
  const results = await s.run(script)
  return { stdout: results.map((r) => r.stdout).join(''), stderr: results.map((r) => r.stderr).join(''), exitCode: results.at(-1)?.exitCode ?? 0 }
}

export function podNamed(s: SimSession, prefix: string) {
  const pod = s.store.list({ kind: 'Pod', namespace: 'default' }).find((p) => p.metadata.name.startsWith(prefix))
  if (!pod) throw new Error(`no pod ${prefix}`)
  return pod
}
