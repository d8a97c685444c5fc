// fortio inside the fortio/fortio pod of a sim session, through `kubectl exec` and the mesh data plane.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { sampleFiles } from '../../../cli'
import { runScript } from '../../../sim/session'
import { CIRCUIT_BREAKER_RULE } from '../../../mesh/scenarios/istio-task-manifests.test-util'

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

  it('with the task\'s DestinationRule, -c 3 trips the circuit breaker: 503s, and a new socket after each', async () => {
    const setup = `istioctl install --set profile=demo -y
kubectl label namespace default istio-injection=enabled
${SETUP}
${CIRCUIT_BREAKER_RULE}`
    const script = `export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')
${EXEC} load -c 3 -qps 0 -n 30 -loglevel Warning http://httpbin:8000/get`
    const [, load] = await runScript(script, { seed: 1, setup, files: sampleFiles(path.join(ROOT, 'content/samples')) })
    const err = load!.stderr
    const failed = Number(/\nCode 503 : (\d+) /.exec(err)?.[1] ?? 0)
    const okCount = Number(/\nCode 200 : (\d+) /.exec(err)?.[1] ?? 0)
    expect(failed).toBeGreaterThan(0)
    expect(okCount + failed).toBe(30)
    expect(err.match(/"msg":"Non ok http code","code":503/g)).toHaveLength(failed)
    // Documented teaching point: fortio closes its connection after every non-2xx answer.
    const sockets = Number(/\nSockets used: (\d+) \(for perfect keepalive, would be 3\)\n/.exec(err)?.[1])
    expect(sockets).toBeGreaterThan(3)
    expect(sockets).toBeLessThanOrEqual(3 + failed)
    const perThread = [...err.matchAll(/\n\[\d\] +(\d+) socket used/g)].map((m) => Number(m[1]))
    expect(perThread.reduce((a, b) => a + b, 0)).toBe(sockets)
  }, 60_000)

  it('-json - prints the result through kubectl exec; -json <file> writes into the pod\'s own file system', async () => {
    const script = `export FORTIO_POD=$(kubectl get pods -l app=fortio -o 'jsonpath={.items[0].metadata.name}')
${EXEC} load -c 2 -qps 0 -n 10 -quiet -json - http://httpbin:8000/get
${EXEC} load -c 2 -qps 0 -n 10 -quiet -json /tmp/run.json http://httpbin:8000/get
${EXEC} load -n 2 -quiet -json /tmp/run.json/x http://httpbin:8000/get
echo "$FORTIO_POD"`
    const [, out, file, nested, pod] = await runScript(script, { seed: 1, setup: SETUP, files: sampleFiles(path.join(ROOT, 'content/samples')) })
    expect(out!.exitCode).toBe(0)
    const doc = JSON.parse(out!.stdout) as { Labels: string; RetCodes: Record<string, number>; DurationHistogram: { Count: number } }
    expect(doc.DurationHistogram.Count).toBe(10)
    expect(doc.RetCodes).toEqual({ 200: 10 })
    // os.Hostname() in the pod is its name.
    expect(doc.Labels).toBe(`httpbin:8000/get , ${pod!.stdout.trim()}`)
    expect(out!.stderr).toContain(`Successfully wrote ${Buffer.byteLength(out!.stdout)} bytes of Json data to stdout\n`)
    expect(file!.exitCode).toBe(0)
    expect(file!.stderr).toMatch(/\nSuccessfully wrote \d+ bytes of Json data to \/tmp\/run\.json\n$/)
    // The fortio image has no cat; the file is there because a path under it is "not a directory".
    expect(nested!.exitCode).toBe(1)
    expect(nested!.stderr).toContain('"msg":"Unable to create /tmp/run.json/x: open /tmp/run.json/x: not a directory"')
  }, 60_000)
})
