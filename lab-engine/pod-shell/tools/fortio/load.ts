// `fortio load`: header, clients, warmup, the threads on the simulation's clock, then the report.
//
// Follows cli/fortio_main.go (fortioLoad) and fhttp/httprunner.go (RunHTTPTest):
// everything goes to stderr. The header names the qps flag, the procs and either
// the call count, the duration or "until interrupted". Each thread gets its own
// client; without -n every client first makes one warmup call (in parallel, or one
// by one with -sequential-warmup) and a non-2xx answer aborts the run
// (`Aborting because of error 503 for <url> (241 bytes)`, exit 1) unless
// -allow-initial-errors. Threads are LoadSender.all clients, so they share
// simulated time (HttpTransport.load; sequentialLoad where a transport has none).
// After the report, onFinished writes the -json result (json-output.ts).

import type { HttpTransport, LoadSender, TransportContext } from '../../curl/transport'
import { sequentialLoad } from '../../curl/transport'
import { codeIsOK, FortioClient } from './client'
import { goDuration, goG } from './go-format'
import { LEVEL, MAX_LOG_LINES, SITES, type FortioLog } from './log'
import { loadResult, type LoadTestResult } from './load-result'
import { report } from './report'
import { MAX_CALLS, plan, runThread, type Plan, type RunControl, type RunSettings, type ThreadStats } from './runner'
import type { HttpRequest } from '../../curl/transport'
import { FORTIO_VERSION } from './version'

export interface LoadRun {
  /** The URL as typed (fortio prints it back unchanged). */
  url: string
  request: HttpRequest
  addresses: readonly string[]
  /** The -qps flag value (0 = max). */
  qpsFlag: number
  threadsFlag: number
  percentiles: readonly number[]
  keepAlive: boolean
  logErrors: boolean
  allowInitialErrors: boolean
  sequentialWarmup: boolean
  prevProcs: number
  settings: RunSettings
}

export interface LoadIO {
  transport: HttpTransport
  ctx: TransportContext
  err: { write(s: string): void }
  log: FortioLog
  /** Hears the finished run as data (the workbench's histogram); not called when warmup aborts. */
  onResult?(result: LoadTestResult): void
  /** After "All done": fortio's -json/-a output; a non-zero exit code ends the command (log.Fatalf). */
  onFinished?(run: FinishedRun): number
}

/** Everything fortio's result JSON is made of. */
export interface FinishedRun {
  /** When the runner was set up, before warmup (periodic.Normalize, which dates the result ID). */
  genTimeMs: number
  startMs: number
  elapsedMs: number
  stats: readonly ThreadStats[]
  /** The clients of the threads that ran. */
  clients: readonly FortioClient[]
  plan: Plan
  settings: RunSettings
}

export async function runLoad(run: LoadRun, io: LoadIO): Promise<number> {
  const s = run.settings
  const { err, log } = io
  const what = s.exactly > 0 ? `for ${s.exactly} calls` : s.durationMs <= 0 ? 'until interrupted' : `for ${goDuration(s.durationMs)}`
  err.write(`Fortio ${FORTIO_VERSION} running at ${goG(run.qpsFlag)} queries per second, ${run.prevProcs}->${s.procs} procs, ${what}: ${run.url}\n`)
  log.log(LEVEL.info, SITES.startingTest, 'Starting http test', [
    ['run', 0], ['url', run.url], ['threads', s.threads], ['qps', s.qps.toFixed(1)],
    ['warmup', run.sequentialWarmup ? 'sequential' : 'parallel'], ['conn-reuse', ''],
  ])
  const load = io.transport.load?.bind(io.transport) ?? ((ctx: TransportContext, body: (sender: LoadSender) => Promise<number>) => body(sequentialLoad(io.transport, ctx)))
  return load(io.ctx, async (sender) => {
    const genTimeMs = sender.now()
    const clients = Array.from({ length: s.threads }, (_, i) => new FortioClient({
      request: run.request, addresses: run.addresses, keepAlive: run.keepAlive, logErrors: run.logErrors,
      offset: s.offset, resolution: s.resolution, thread: i, goroutine: 20 + i, log,
    }))
    if (s.exactly <= 0) {
      const problem = await warmup(clients, sender, run)
      if (problem) { err.write(`Aborting because of ${problem}\n`); return 1 }
    }
    const p = plan(s)
    for (const w of p.warnings) log.log(LEVEL.warning, SITES.lowering, w)
    if (p.bannerAlways || log.enabled(LEVEL.warning)) err.write(p.banner)
    const ctl: RunControl = { stopped: false, callsLeft: MAX_CALLS, signal: io.ctx.signal }
    const start = sender.now()
    const stats: ThreadStats[] = await sender.all(clients.slice(0, p.threads).map((c, i) => () => runThread(i, c, sender, s, p, start, ctl, log)))
    const elapsedMs = sender.now() - start
    report({ stats, clients, elapsedMs, plan: p, settings: s, percentiles: run.percentiles, threadsFlag: run.threadsFlag }, log, (text) => err.write(text))
    io.onResult?.(loadResult({ url: run.url, startMs: start, elapsedMs, qps: s.qps, stats, clients, threads: p.threads, percentiles: run.percentiles, offset: s.offset, resolution: s.resolution }))
    const saved = io.onFinished?.({ genTimeMs, startMs: start, elapsedMs, stats, clients: clients.slice(0, p.threads), plan: p, settings: s }) ?? 0
    if (saved !== 0) return saved
    // Our bound on output, said once at the end (real fortio would have printed every line).
    if (ctl.capped) err.write(`[simulator] the run stopped at the simulator's limit of ${MAX_CALLS} calls\n`)
    if (log.dropped > 0) err.write(`[simulator] ${log.dropped} more log lines were not printed (limit ${MAX_LOG_LINES})\n`)
    return 0
  })
}

/** The warmup calls; the first non-OK answer (in simulated time) is the abort reason. */
async function warmup(clients: FortioClient[], sender: LoadSender, run: LoadRun): Promise<string | undefined> {
  let problem: string | undefined
  const one = async (c: FortioClient, i: number) => {
    const got = await c.fetch(sender, false)
    if (problem === undefined && !run.allowInitialErrors && !codeIsOK(got.code)) {
      problem = run.sequentialWarmup
        ? `error ${got.code} for ${run.url} (${got.size} body bytes), thread# ${i}`
        : `error ${got.code} for ${run.url} (${got.size} bytes)`
    }
  }
  if (run.sequentialWarmup) {
    for (const [i, c] of clients.entries()) { await one(c, i); if (problem) break }
  } else {
    await sender.all(clients.map((c, i) => () => one(c, i)))
  }
  return problem
}
