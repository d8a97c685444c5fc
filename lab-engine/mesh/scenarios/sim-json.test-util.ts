// Runs a scenario script the way `npm run sim -- --json --preset istio-demo -` does, in process.
import path from 'node:path'
import { main } from '../../cli'

export interface Step { command: string; stdout: string; stderr: string; exitCode: number; elapsedMs: number }

const ROOT = path.resolve(import.meta.dirname, '../../..')

/** The script's statements, each with its output; setup output is left out as the CLI does. */
export async function simJson(script: string, opts: { seed?: number; preset?: 'istio-demo' | 'bare' } = {}): Promise<Step[]> {
  let out = ''
  let err = ''
  const argv = ['--json', '--seed', String(opts.seed ?? 1), '--preset', opts.preset ?? 'istio-demo', '-']
  const code = await main(argv, { stdin: () => script, out: (s) => (out += s), err: (s) => (err += s), repoRoot: ROOT })
  if (code !== 0) throw new Error(`sim exited ${code}: ${err}`)
  return JSON.parse(out) as Step[]
}

/** The step whose command starts with the given text (the last one when several do). */
export function step(steps: Step[], startsWith: string): Step {
  const found = steps.filter((s) => s.command.startsWith(startsWith)).at(-1)
  if (!found) throw new Error(`no step starting with ${JSON.stringify(startsWith)}; steps: ${steps.map((s) => s.command.split('\n')[0]).join(' | ')}`)
  return found
}

/** Bookinfo in an injected default namespace, plus the sleep client, all pods ready. */
export const BOOKINFO = `kubectl label namespace default istio-injection=enabled
kubectl apply -f samples/bookinfo/platform/kube/bookinfo.yaml
kubectl apply -f samples/sleep/sleep.yaml
kubectl wait --for=condition=Ready pods --all --timeout=300s
`
