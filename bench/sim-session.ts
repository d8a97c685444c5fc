// Sim session figures (issue 3 targets): a fresh session ready (< 50 ms median),
// `kubectl apply -f bookinfo.yaml` + `kubectl get pods` (< 20 ms median), and
// memory per idle session (< 2 MB). Bundled and run by bench/run.ts (ESM).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { createSimSession } from '../lab-engine/sim/session'

const ROOT = process.argv[2] ?? process.cwd()
const BOOKINFO = readFileSync(path.join(ROOT, 'content/samples/bookinfo/platform/kube/bookinfo.yaml'), 'utf8')
const files = { 'samples/bookinfo/platform/kube/bookinfo.yaml': BOOKINFO }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

async function timeIt(runs: number, fn: (i: number) => Promise<void> | void): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn(i)
    out.push(performance.now() - t)
  }
  return out
}

async function main() {
  const gc = (globalThis as { gc?: () => void }).gc
  for (let i = 0; i < 5; i++) createSimSession({ seed: i, files }).dispose() // warm up the JIT and module state
  const fresh = await timeIt(30, (i) => createSimSession({ seed: i, files }).dispose())
  const apply: number[] = []
  for (let i = 0; i < 20; i++) {
    const session = createSimSession({ seed: i, files })
    const t = performance.now()
    await session.run('kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml\nkubectl get pods')
    apply.push(performance.now() - t)
    session.dispose()
  }
  gc?.()
  const before = process.memoryUsage().heapUsed
  const sessions = Array.from({ length: 200 }, (_, i) => createSimSession({ seed: i, files }))
  gc?.()
  const perSession = (process.memoryUsage().heapUsed - before) / sessions.length
  sessions.forEach((s) => s.dispose())
  const line = (name: string, value: string, target: string, met: boolean) =>
    console.log(`${name.padEnd(44)}${value.padEnd(11)}target ${target} ${met ? 'MET' : 'MISSED'}`)
  line('fresh sim session ready (median of 30)', `${median(fresh).toFixed(1)} ms`, '< 50 ms', median(fresh) < 50)
  line('apply bookinfo + get pods (median of 20)', `${median(apply).toFixed(1)} ms`, '< 20 ms', median(apply) < 20)
  line(`memory per idle session${gc ? '' : ' (no --expose-gc)'}`, `${(perSession / 1024 / 1024).toFixed(2)} MB`, '< 2 MB', perSession < 2 * 1024 * 1024)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
