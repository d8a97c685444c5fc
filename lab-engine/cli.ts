// The headless entry (`npm run sim`): run a shell script in a fresh sim cluster,
// statement by statement, and print each statement's output as a terminal would
// (or one JSON array with --json). Exit code 0 unless the CLI itself failed.
// Unlike the engine, the CLI may read the host: the script file and content/samples.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { HostTimers } from './core/clock'
import { runScript, type StatementResult } from './sim/session'

export const CLI_USAGE = 'usage: npm run sim -- [--json] [--seed N] [--realtime] [--preset bare|istio-demo] SCRIPT|-'

/** The istio-demo preset: Istio's demo profile installed and its pods ready before the script's first statement. */
const ISTIO_DEMO_SETUP = 'istioctl install --set profile=demo -y\nkubectl wait --for=condition=Ready pods --all -n istio-system --timeout=300s\n'

export interface CliOptions {
  json: boolean
  seed: number
  realtime: boolean
  preset: 'bare' | 'istio-demo'
  script: string
}

export function parseCliArgs(argv: string[]): CliOptions | string {
  const opts: Partial<CliOptions> = { json: false, seed: 1, realtime: false, preset: 'bare' }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--json') opts.json = true
    else if (arg === '--realtime') opts.realtime = true
    else if (arg === '--seed') opts.seed = Number(argv[++i])
    else if (arg === '--preset') opts.preset = argv[++i] as CliOptions['preset']
    else if (arg.startsWith('--')) return `sim: unknown option ${arg}\n${CLI_USAGE}`
    else if (opts.script !== undefined) return `sim: one script at a time\n${CLI_USAGE}`
    else opts.script = arg
  }
  if (!Number.isInteger(opts.seed)) return `sim: --seed needs an integer\n${CLI_USAGE}`
  if (opts.preset !== 'bare' && opts.preset !== 'istio-demo') return `sim: unknown preset ${opts.preset}\n${CLI_USAGE}`
  if (opts.script === undefined) return CLI_USAGE
  return opts as CliOptions
}

/** content/samples, as files under ~/samples (the layout of an Istio release). */
export function sampleFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (/\.ya?ml$/.test(name)) files[`samples/${path.relative(root, full)}`] = readFileSync(full, 'utf8')
    }
  }
  if (existsSync(root)) walk(root)
  return files
}

export function formatResults(results: StatementResult[], json: boolean): string {
  if (json) return JSON.stringify(results, null, 2) + '\n'
  return results.map((r) => `$ ${r.command}\n${r.stdout}${r.stderr}`).join('')
}

export interface CliIo {
  stdin: () => string
  out: (s: string) => void
  err: (s: string) => void
  repoRoot: string
  /** The host's wall clock and timers, for --realtime (scripts/sim.mjs passes Date.now and setTimeout). */
  host?: HostTimers
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const opts = parseCliArgs(argv)
  if (typeof opts === 'string') return io.err(opts + '\n'), 2
  if (opts.realtime && !io.host) return io.err('sim: --realtime needs the host clock, which this embedding does not give\n'), 2
  const script = opts.script === '-' ? io.stdin() : readFileSync(opts.script, 'utf8')
  const setup = opts.preset === 'istio-demo' ? ISTIO_DEMO_SETUP : undefined
  const mode = opts.realtime ? 'realtime' : 'virtual'
  const results = await runScript(script, { seed: opts.seed, mode, host: io.host, setup, files: sampleFiles(path.join(io.repoRoot, 'content/samples')) })
  io.out(formatResults(results, opts.json))
  return 0
}
