// The `fortio` program of the fortio/fortio image: `load`, `curl`, `version`, `help`, and fortio's usage errors.
//
// Follows fortio.org/cli and cli/fortio_main.go (fortio 1.69): the first argument
// is the command, then Go-style flags, then at most one target. `fortio version`
// prints the short version; no command is "Missing command argument" (exit 1); an
// unknown command `Error: unknown command "x"`; flag errors exit 2 with the usage;
// -loglevel logs its change ("Log level is now 3 Warning (was 2 Info)"), -quiet
// silently drops to Error. Limits: -c, -n and -t are capped (MAX_THREADS, MAX_CALLS,
// MAX_DURATION_MS) and log lines are bounded (MAX_LOG_LINES). `load -json <file|->` and `-a`
// save fortio's result document (result-json.ts, json-output.ts); -labels defaults to the URL
// without its scheme and the host name (the container's /etc/hostname, which the kubelet writes).

import { NAMESERVER_IP } from '../../../cluster/dns'
import { Rng } from '../../../core/rng'
import type { CommandContext, CommandSpec } from '../../../shell/registry'
import type { HostResolver, HttpTransport, RequestSource, TransportContext } from '../../curl/transport'
import { runCurl } from './curl'
import { LOG_LEVELS, parseFlags, type LogLevel, type ParsedFlags } from './flags'
import { goDuration } from './go-format'
import { jsonWriter } from './json-output'
import { FortioLog, LEVEL, SITES } from './log'
import { runLoad } from './load'
import type { LoadTestResult } from './load-result'
import { MAX_CALLS } from './runner'
import { buildTarget } from './target'
import { usage } from './usage'
import { FORTIO_LONG_VERSION, FORTIO_USER_AGENT, FORTIO_VERSION } from './version'

/** Concurrent connections one run may open (-c). */
export const MAX_THREADS = 1_024
/** Longest -t a run may ask for (simulated time). */
export const MAX_DURATION_MS = 3_600_000

export interface FortioEnv {
  transport(): HttpTransport
  source: RequestSource
  resolve: HostResolver
  /** CPUs the Go runtime sees (GOMAXPROCS); fortio prints it as "2->2 procs". */
  procs?: number
  /** Draws for -jitter; a fixed seed when the session does not pass its Rng. */
  rng?: Rng
  /** Hears each finished `fortio load` as data (the pod shell keeps the session's last one for the workbench). */
  onResult?(result: LoadTestResult): void
}

const SERVER_COMMANDS = new Set(['server', 'report', 'redirect', 'tcp-echo', 'udp-echo', 'proxies', 'grpcping', 'nc'])

export function createFortioCommand(env: FortioEnv): CommandSpec {
  return { name: 'fortio', run: (ctx) => runFortio(env, ctx) }
}

async function runFortio(env: FortioEnv, ctx: CommandContext): Promise<number> {
  const argv0 = ctx.argv[0]!
  const args = ctx.argv.slice(1)
  const usageError = (msg: string, code = 1) => { ctx.stderr.write(usage(argv0, msg)); return code }
  if (args.length === 1) {
    const special = args[0]!.toLowerCase()
    if (special === 'version') { ctx.stdout.write(`${FORTIO_VERSION}\n`); return 0 }
    if (special === 'buildinfo') { ctx.stdout.write(`${FORTIO_LONG_VERSION}\n`); return 0 }
    if (special === 'help') { ctx.stdout.write(usage(argv0)); return 0 }
  }
  if (args.length === 0) return usageError('Missing command argument')
  const command = args[0]!
  const parsed = parseFlags(args.slice(1))
  if (parsed.kind === 'help') { ctx.stderr.write(usage(argv0)); return 0 }
  if (parsed.kind === 'error') { ctx.stderr.write(`${parsed.message}\n${usage(argv0)}`); return 2 }
  const { flags, order } = parsed
  const log = new FortioLog(ctx.stderr, () => ctx.clock.now(), LEVEL.info)
  for (const name of order) {
    if (name !== 'loglevel') continue
    const next = flags.get('loglevel') as LogLevel
    if (next !== log.level) log.log(LEVEL.info, SITES.levelChange, `Log level is now ${next} ${LOG_LEVELS[next]} (was ${log.level} ${LOG_LEVELS[log.level]})`)
    log.level = next
  }
  if (parsed.args.length > 1) return usageError(`At most 1 argument expected, got ${parsed.args.length}`)
  if (flags.get('quiet') === true) log.level = LEVEL.error
  const procs = env.procs ?? 2
  const gomax = num(flags, 'gomaxprocs', 0)
  const runProcs = gomax >= 1 ? gomax : procs
  log.log(LEVEL.info, SITES.starting, 'Starting', [['command', 'Φορτίο'], ['version', FORTIO_LONG_VERSION], ['go-max-procs', runProcs]])
  const percentiles = parsePercentiles(String(flags.get('p') ?? '50,75,90,99,99.9'))
  if (typeof percentiles === 'string') return usageError(`Unable to extract percentiles from -p: ${percentiles}`)
  if (command === 'curl' || command === 'load') {
    if (parsed.args.length !== 1) return usageError('Error: fortio load/curl needs a url or destination')
    return fortioLoad(env, ctx, flags, parsed.args[0]!, { command, log, percentiles, procs, runProcs })
  }
  if (SERVER_COMMANDS.has(command)) {
    ctx.stderr.write(`fortio ${command}: not simulated here (the fortio/fortio container already runs fortio server as its main process)\n`)
    return 1
  }
  return usageError(`Error: unknown command ${JSON.stringify(command)}`)
}

interface LoadContext { command: string; log: FortioLog; percentiles: number[]; procs: number; runProcs: number }

async function fortioLoad(env: FortioEnv, ctx: CommandContext, flags: ParsedFlags, url: string, lc: LoadContext): Promise<number> {
  const { log } = lc
  const limit = limits(flags)
  if (limit) { ctx.stderr.write(`${limit}\n`); return 1 }
  if (/^(tcp|udp):\/\//i.test(url) || flags.get('grpc') === true) {
    ctx.stderr.write('fortio: tcp://, udp:// and -grpc load tests are not simulated here; use an http:// or https:// URL\n')
    return 1
  }
  // -http1.0 forces one request per connection (fortio's fast client: "http 1.0, simplest: no keepAlive").
  const keepAlive = flags.get('keepalive') !== false && flags.get('http1.0') !== true
  const target = buildTarget(url, {
    headers: (flags.get('H') as string[] | undefined) ?? [], payload: str(flags, 'payload'), contentType: str(flags, 'content-type'),
    method: str(flags, 'X'), keepAlive: flags.get('keepalive') !== false, insecure: flags.get('k') === true || flags.get('https-insecure') === true,
    timeoutMs: num(flags, 'timeout', 3000), userAgent: FORTIO_USER_AGENT, user: str(flags, 'user'), resolveIp: str(flags, 'resolve'),
  })
  if (target.kind === 'error') { ctx.stderr.write(`Aborting because of ${target.message}\n`); return 1 }
  if (target.assumedHttp) log.log(LEVEL.warning, SITES.assumingHttp, `Assuming http:// on missing scheme for '${url}'`)
  const req = target.request
  const addresses = str(flags, 'resolve') ? [str(flags, 'resolve')] : /^\d+\.\d+\.\d+\.\d+$/.test(req.host) ? [req.host] : env.resolve(req.host)
  if (!addresses?.length) {
    const err = `lookup ${req.host} on ${NAMESERVER_IP}:53: no such host`
    log.log(LEVEL.error, SITES.lookupError, 'Unable to lookup', [['host', req.host], ['err', err]])
    if (lc.command === 'load' && flags.get('curl') !== true) ctx.stderr.write(`Aborting because of ${err}\n`)
    return 1
  }
  const tctx: TransportContext = { source: env.source, resolve: env.resolve, clock: ctx.clock, signal: ctx.signal }
  const transport = env.transport()
  const logErrors = flags.get('log-errors') !== false
  if (lc.command === 'curl' || flags.get('curl') === true) {
    return runCurl({ request: req, addresses, keepAlive, logErrors, headersToStdout: flags.get('curl-stdout-headers') === true },
      { transport, ctx: tctx, out: ctx.stdout, err: ctx.stderr, log })
  }
  const qpsFlag = flags.get('calc-qps') === true ? calcQps(flags) : num(flags, 'qps', 8)
  if (qpsFlag === undefined) {
    ctx.stderr.write(usage(ctx.argv[0]!, "Error: can't use `-calc-qps` without also specifying `-n` and `-t`"))
    return 1
  }
  const threadsFlag = num(flags, 'c', 4)
  const durationFlag = num(flags, 't', 5000)
  const rng = env.rng ?? Rng.seeded('fortio')
  const onFinished = jsonWriter(flags, ctx, { url, href: target.href, percentiles: lc.percentiles, log, source: env.source })
  return runLoad({
    url, request: req, addresses, qpsFlag, threadsFlag, percentiles: lc.percentiles, keepAlive, logErrors,
    allowInitialErrors: flags.get('allow-initial-errors') === true, sequentialWarmup: flags.get('sequential-warmup') === true, prevProcs: lc.procs,
    settings: {
      qps: qpsFlag <= 0 ? -1 : qpsFlag, threads: threadsFlag === 0 ? 4 : Math.max(1, threadsFlag), exactly: num(flags, 'n', 0),
      durationMs: durationFlag <= 0 ? -1 : durationFlag, uniform: flags.get('uniform') === true, jitter: flags.get('jitter') === true,
      noCatchUp: flags.get('nocatchup') === true, abortOn: num(flags, 'abort-on', 0), offset: num(flags, 'offset', 0) / 1000,
      resolution: num(flags, 'r', 0.001) > 0 ? num(flags, 'r', 0.001) : 0.001, procs: lc.runProcs, random: () => rng.next(),
    },
  }, { transport, ctx: tctx, err: ctx.stderr, log, onResult: env.onResult, onFinished })
}

/** The simulator's caps, in fortio's voice where fortio has one. */
function limits(flags: ParsedFlags): string | undefined {
  const c = num(flags, 'c', 4)
  if (c > MAX_THREADS) return `Error: -c ${c} is more connections than this simulator allows (${MAX_THREADS})`
  const n = num(flags, 'n', 0)
  if (n > MAX_CALLS) return `Error: -n ${n} is more calls than this simulator allows (${MAX_CALLS})`
  const t = num(flags, 't', 5000)
  if (t > MAX_DURATION_MS) return `Error: -t ${goDuration(t)} is longer than this simulator allows (${goDuration(MAX_DURATION_MS)})`
  return undefined
}

function calcQps(flags: ParsedFlags): number | undefined {
  const n = num(flags, 'n', 0)
  const t = num(flags, 't', 5000)
  return n === 0 || t <= 0 ? undefined : n / (t / 1000)
}

/** stats.ParsePercentiles: comma separated, each strictly between 0 and 100. */
export function parsePercentiles(raw: string): number[] | string {
  const out: number[] = []
  for (const part of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const p = Number(part)
    if (Number.isNaN(p)) return `strconv.ParseFloat: parsing ${JSON.stringify(part)}: invalid syntax`
    if (p <= 0 || p >= 100) return `percentile ${part} must be > 0 and < 100`
    out.push(p)
  }
  return out.length ? out : "list can't be empty"
}

function num(flags: ParsedFlags, name: string, def: number): number {
  const v = flags.get(name)
  return typeof v === 'number' ? v : def
}

function str(flags: ParsedFlags, name: string): string {
  const v = flags.get(name)
  return typeof v === 'string' ? v : ''
}
