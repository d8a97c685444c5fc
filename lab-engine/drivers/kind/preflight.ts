// Preflight: are docker (with a running daemon), kind, kubectl and istioctl on this host? The reason is what a skipped conformance run prints.
import type { CommandRunner } from './command-runner'

export const PREFLIGHT_TIMEOUT_MS = 15_000

export interface KindAvailability {
  readonly available: boolean
  /** Versions found when available; otherwise every tool that is missing or failing, and why. */
  readonly reason: string
}

interface Check {
  readonly tool: string
  readonly argv: readonly string[]
  /** The version in the tool's output (`kind v0.30.0 go1.24.6 linux/amd64`, `Client Version: v1.34.1`, `client version: 1.28.0`). */
  readonly version: RegExp
}

const CHECKS: readonly Check[] = [
  // --format prints the daemon's version only when the daemon answers; a missing daemon is exit 1.
  { tool: 'docker', argv: ['docker', 'version', '--format', '{{.Server.Version}}'], version: /(\d+\.\d+\.\d+\S*)/ },
  { tool: 'kind', argv: ['kind', 'version'], version: /kind (v\d+\.\d+\.\d+\S*)/ },
  { tool: 'kubectl', argv: ['kubectl', 'version', '--client'], version: /Client Version: (v\d+\.\d+\.\d+\S*)/ },
  { tool: 'istioctl', argv: ['istioctl', 'version', '--remote=false'], version: /(\d+\.\d+\.\d+\S*)/ },
]

export interface PreflightExpectations {
  /** KIND_ISTIO_VERSION: istioctl installs its own version, so it must match. */
  readonly istioVersion?: string
}

export async function isKindAvailable(runner: CommandRunner, expect: PreflightExpectations = {}): Promise<KindAvailability> {
  const found = await Promise.all(CHECKS.map((c) => probe(runner, c)))
  const problems = found.filter((f) => f.problem).map((f) => `${f.tool}: ${f.problem}`)
  const istio = found.find((f) => f.tool === 'istioctl')?.version
  if (istio && expect.istioVersion && istio !== expect.istioVersion) {
    problems.push(`istioctl: version ${istio} on PATH, but KIND_ISTIO_VERSION is ${expect.istioVersion} (istioctl installs its own version)`)
  }
  if (problems.length) return { available: false, reason: `kind driver unavailable: ${problems.join('; ')}` }
  return { available: true, reason: found.map((f) => `${f.tool} ${f.version}`).join(', ') }
}

async function probe(runner: CommandRunner, c: Check): Promise<{ tool: string; version?: string; problem?: string }> {
  const r = await runner.run(c.argv, { timeoutMs: PREFLIGHT_TIMEOUT_MS })
  if (r.timedOut) return { tool: c.tool, problem: `\`${c.argv.join(' ')}\` did not answer within ${PREFLIGHT_TIMEOUT_MS} ms` }
  if (r.exitCode === 127) return { tool: c.tool, problem: 'not found on PATH' }
  const text = `${r.stdout}\n${r.stderr}`
  if (r.exitCode !== 0) return { tool: c.tool, problem: firstLine(r.stderr || r.stdout) || `exit ${r.exitCode}` }
  const version = c.version.exec(text)?.[1]
  return version ? { tool: c.tool, version } : { tool: c.tool, problem: `unexpected output: ${firstLine(text)}` }
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? ''
}
