// The headless CLI: arguments, sample preloading, output shapes (text and --json).
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HostTimers } from './core/clock'
import { CLI_USAGE, main, parseCliArgs, sampleFiles } from './cli'

const ROOT = path.resolve(import.meta.dirname, '..')

const HOST_TIMERS: HostTimers = { now: () => Date.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) }

function runCli(argv: string[], stdin = '', host?: HostTimers) {
  let out = ''
  let err = ''
  return main(argv, { stdin: () => stdin, out: (s) => (out += s), err: (s) => (err += s), repoRoot: ROOT, host }).then((code) => ({ code, out, err }))
}

describe('sim CLI', () => {
  it.each([
    [['x.sh'], { script: 'x.sh', seed: 1, json: false }],
    [['--json', '--seed', '7', '-'], { script: '-', seed: 7, json: true }],
  ])('parses %j', (argv, expected) => {
    expect(parseCliArgs(argv)).toMatchObject(expected)
  })

  it.each([[[]], [['--bogus', 'x']], [['--seed', 'x', 'a']], [['a', 'b']], [['--preset', 'full', 'a']]])('refuses %j with the usage', (argv) => {
    expect(parseCliArgs(argv)).toContain(CLI_USAGE)
  })

  it('preloads content/samples under ~/samples', () => {
    const files = sampleFiles(path.join(ROOT, 'content/samples'))
    expect(Object.keys(files)).toContain('samples/bookinfo/platform/kube/bookinfo.yaml')
  })

  it('runs a script from stdin and prints statement by statement', async () => {
    const { code, out } = await runCli(['-'], 'kubectl create namespace demo\nkubectl get ns demo -o name\n')
    expect(code).toBe(0)
    expect(out).toBe('$ kubectl create namespace demo\nnamespace/demo created\n$ kubectl get ns demo -o name\nnamespace/demo\n')
  })

  it('prints one JSON array with --json, same seed same output', async () => {
    const script = 'kubectl apply -f samples/sleep/sleep.yaml\nsleep 5\nkubectl get pods -o name\nnope'
    const a = await runCli(['--json', '-'], script)
    const b = await runCli(['--json', '-'], script)
    const results = JSON.parse(a.out)
    expect(results).toHaveLength(4)
    expect(results[1]).toMatchObject({ command: 'sleep 5', exitCode: 0, elapsedMs: 5000 })
    expect(results[2].stdout).toMatch(/^pod\/sleep-[a-z0-9]{10}-[a-z0-9]{5}\n$/)
    expect(results[3]).toMatchObject({ exitCode: 127, stderr: 'bash: nope: command not found\n' })
    expect(b.out).toBe(a.out)
  })

  it('--preset istio-demo starts with Istio installed and its pods ready, setup output not printed', async () => {
    const bare = await runCli(['-'], 'kubectl get vs\n')
    expect(bare.out).toBe('$ kubectl get vs\nerror: the server doesn\'t have a resource type "vs"\n')
    const { code, out } = await runCli(['--preset', 'istio-demo', '-'], 'kubectl get deploy -n istio-system -o name\n')
    expect(code).toBe(0)
    expect(out).toBe('$ kubectl get deploy -n istio-system -o name\ndeployment.apps/istio-egressgateway\ndeployment.apps/istio-ingressgateway\ndeployment.apps/istiod\n')
  })

  it('--realtime runs on the host clock: sleep takes wall time and pods need real seconds to start', async () => {
    const started = Date.now()
    const { code, out } = await runCli(['--realtime', '--json', '-'], 'sleep 0.3\nkubectl run web --image=nginx\nkubectl get pod web --no-headers -o custom-columns=S:.status.phase\n', HOST_TIMERS)
    expect(code).toBe(0)
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    const results = JSON.parse(out)
    expect(results[0].elapsedMs).toBeGreaterThanOrEqual(300)
    // Virtual time would have run the controllers' timers on; in real time the pod has not started yet.
    expect(results[2].stdout).toBe('Pending\n')
  })

  it('--realtime without host timers is refused, not silently virtual', async () => {
    const { code, err } = await runCli(['--realtime', '-'], 'true\n')
    expect(code).toBe(2)
    expect(err).toContain('--realtime needs the host clock')
  })
})
