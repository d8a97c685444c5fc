// fortio inside the fortio/fortio pod of a sim session, through `kubectl exec` and the mesh data plane.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampleFiles } from '../../../cli'
import { runScript } from '../../../sim/session'

const ROOT = path.resolve(import.meta.dirname, '../../../..')
const SETUP = `kubectl apply -f samples/httpbin/httpbin.yaml
kubectl apply -f samples/httpbin/sample-client/fortio-deploy.yaml
kubectl wait --for=condition=ready pod --all --timeout=120s`
const EXEC = 'kubectl exec "$FORTIO_POD" -c fortio -- /usr/bin/fortio'

describe('fortio in a simulated pod (Istio circuit-breaking task commands)', () => {
  it('curl and load reach httpbin through the session transport', async () => {
    const script = `export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')
${EXEC} curl -quiet http://httpbin:8000/get
${EXEC} load -c 2 -qps 0 -n 20 -loglevel Warning http://httpbin:8000/get`
    const [, curl, load] = await runScript(script, { seed: 1, setup: SETUP, files: sampleFiles(path.join(ROOT, 'content/samples')) })
    expect(curl!.exitCode).toBe(0)
    expect(curl!.stderr).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(curl!.stdout).toContain('fortio.org/fortio-1.69.0')
    expect(load!.exitCode).toBe(0)
    expect(load!.stderr).toContain('Fortio 1.69.0 running at 0 queries per second, 2->2 procs, for 20 calls: http://httpbin:8000/get\n')
    expect(load!.stderr).toMatch(/\nCode 200 : 20 \(100\.0 %\)\n/)
    expect(load!.stderr).toContain('Sockets used: 2 (for perfect keepalive, would be 2)\n')
    // The run took simulated time, and the command's elapsed time is the run's.
    const ended = /Ended after ([\d.]+)(ms|µs|s) : 20 calls/.exec(load!.stderr)
    expect(ended).not.toBeNull()
    expect(load!.elapsedMs).toBeGreaterThan(0)
  }, 60_000)
})
