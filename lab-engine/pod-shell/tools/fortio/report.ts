// The end of a `fortio load` run: the lines fortio prints after "Ended after", in its order.
//
// Follows fortio/periodic/periodic.go (Run), fhttp/httprunner.go (RunHTTPTest) and
// cli/fortio_main.go: at Warning and below, the full latency histogram of all calls and
// of the error cases; with -quiet (Error) only their counter lines and the `# target`
// percentiles. Then, always, the sockets each thread used and the address it resolved
// to, the connection-time statistics (histogram at Info, counter at Warning), `Sockets
// used: N (for perfect keepalive, would be <threads>)`, the Uniform/Jitter/Catchup line,
// the IP distribution, `Code NNN : count (pct %)` per status (sorted, -1 for socket
// errors), the response size counters (Warning) and `All done ...`.

import type { FortioClient } from './client'
import { goBool, goDuration, goF, goGPrec } from './go-format'
import { Histogram } from './histogram'
import { LEVEL, SITES, type FortioLog } from './log'
import type { Plan, RunSettings, ThreadStats } from './runner'

export interface RunOutcome {
  stats: ThreadStats[]
  clients: FortioClient[]
  elapsedMs: number
  plan: Plan
  settings: RunSettings
  percentiles: readonly number[]
  /** The -c flag as given (All done's warmup count). */
  threadsFlag: number
}

/** Writes the report; the "Run ended" log line goes between "Ended after" and the histograms, as in fortio. */
export function report(o: RunOutcome, log: FortioLog, write: (s: string) => void): void {
  const { stats, settings: s } = o
  const durations = new Histogram(s.offset, s.resolution)
  const errors = new Histogram(s.offset, s.resolution)
  const sleeps = new Histogram(-0.001, 0.001)
  for (const t of stats) { durations.add(t.durations); errors.add(t.errors); sleeps.add(t.sleeps) }
  const qps = durations.count / (o.elapsedMs / 1000)
  const warn = log.enabled(LEVEL.warning)
  if (warn) write(`Ended after ${goDuration(o.elapsedMs)} : ${durations.count} calls. qps=${goGPrec(qps, 5)}\n`)
  log.log(LEVEL.info, SITES.runEnded, 'Run ended', [['run', 0], ['elapsed', Math.round(o.elapsedMs * 1e6)], ['calls', durations.count], ['qps', qps]])
  let out = ''
  if (o.plan.useQPS) out += sleepLines(sleeps, log)
  if (warn) {
    out += durations.print('Aggregated Function Time', o.percentiles)
    out += errors.print('Error cases', o.percentiles)
  } else {
    out += durations.line('Aggregated Function Time')
    if (durations.count > 0) for (const p of o.percentiles) out += durations.targetLine(p)
    out += errors.line('Error cases')
  }
  write(out + httpLines(o, log) + allDone(o, durations, qps))
}

function sleepLines(sleeps: Histogram, log: FortioLog): string {
  const behind = (100 * sleeps.firstBucketCount()) / sleeps.count
  if (behind > 5) return sleeps.print('Aggregated Sleep Time', [50]) + `WARNING ${goF(behind, 2)}% of sleep were falling behind\n`
  if (log.enabled(LEVEL.verbose)) return sleeps.print('Aggregated Sleep Time', [50])
  return log.enabled(LEVEL.warning) ? sleeps.line('Sleep times') : ''
}

function httpLines(o: RunOutcome, log: FortioLog): string {
  const clients = o.clients.slice(0, o.plan.threads)
  let out = '# Socket and IP used for each connection:\n'
  const connect = new Histogram(o.settings.offset, o.settings.resolution)
  const ips = new Map<string, number>()
  const codes = new Map<number, number>()
  const headerSizes = new Histogram(0, 5)
  const sizes = new Histogram(0, 100)
  let sockets = 0
  clients.forEach((c, i) => {
    out += `[${i}] ${String(c.sockets).padStart(3)} socket used, resolved to ${addresses(c.ipUsage)}` + c.connectStats.line(', connection timing')
    sockets += c.sockets
    for (const [ip, n] of c.ipUsage) ips.set(ip, (ips.get(ip) ?? 0) + n)
    for (const [code, n] of c.retCodes) codes.set(code, (codes.get(code) ?? 0) + n)
    connect.add(c.connectStats)
    headerSizes.add(c.headerSizes)
    sizes.add(c.sizes)
  })
  if (log.enabled(LEVEL.info)) out += connect.print('Connection time histogram (s)', o.percentiles)
  else if (log.enabled(LEVEL.warning)) out += connect.line('Connection time (s)')
  out += `Sockets used: ${sockets} (for perfect keepalive, would be ${o.plan.threads})\n`
  out += `Uniform: ${goBool(o.settings.uniform)}, Jitter: ${goBool(o.settings.jitter)}, Catchup allowed: ${goBool(!o.settings.noCatchUp)}\n`
  out += 'IP addresses distribution:\n'
  for (const [ip, n] of [...ips].sort((a, b) => b[1] - a[1])) out += `${ip}: ${n}\n`
  const total = o.stats.reduce((n, t) => n + t.calls, 0)
  for (const [code, n] of [...codes].sort((a, b) => a[0] - b[0])) out += `Code ${String(code).padStart(3)} : ${n} (${goF((100 * n) / total, 1)} %)\n`
  if (log.enabled(LEVEL.verbose)) {
    out += headerSizes.print('Response Header Sizes Histogram', o.percentiles) + sizes.print('Response Body/Total Sizes Histogram', o.percentiles)
  } else if (log.enabled(LEVEL.warning)) {
    out += headerSizes.line('Response Header Sizes') + sizes.line('Response Body/Total Sizes')
  }
  return out
}

/** stats.Occurrence's AggregateAndToString: one address plainly, several as `[a (n), b (m)]`. */
function addresses(usage: ReadonlyMap<string, number>): string {
  const list = [...usage]
  if (list.length === 1) return list[0]![0]
  return `[${list.map(([ip, n]) => `${ip} (${n})`).join(', ')}]`
}

function allDone(o: RunOutcome, durations: Histogram, qps: number): string {
  const warmup = o.settings.exactly > 0 ? 0 : o.threadsFlag
  return `All done ${durations.count} calls (plus ${warmup} warmup) ${goF(1000 * durations.avg(), 3)} ms avg, ${goF(qps, 1)} qps\n`
}

