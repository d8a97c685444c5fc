// curl's command line: the options learners use, parsed the way curl's getparameter() does.
//
// Short options combine (`-sSL`), the last one may take its value attached or
// as the next word (`-so /dev/null`, `-w%{http_code}`); long options take
// `--opt value` (curl has no `--opt=value`). Errors follow curl 8.x:
// `curl: option --x: is unknown`, `curl: option -o: requires parameter`, then
// `curl: try 'curl --help' for more information`, exit 2.

export interface CurlOptions {
  urls: string[]
  silent: boolean
  showError: boolean
  output?: string
  /** -D/--dump-header: where every response's header block goes ('-' is stdout). */
  dumpHeader?: string
  writeOut?: string
  headers: string[]
  head: boolean
  include: boolean
  verbose: boolean
  method?: string
  /** -d/--data and --data-binary may name a file with @; --data-raw never does; --data-urlencode encodes its content. */
  data: { value: string; from: 'data' | 'raw' | 'binary' | 'urlencode' }[]
  /** -G: the data goes in the URL's query of a GET instead of a POST body. */
  get: boolean
  location: boolean
  maxTimeMs?: number
  connectTimeoutMs?: number
  insecure: boolean
  resolve: string[]
  fail: boolean
  failWithBody: boolean
  retry: number
  user?: string
  userAgent?: string
  maxRedirs: number
}

export class CurlUsageError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message)
  }
}

/** Most retries we honour (curl allows more; a sim run stays bounded). */
export const MAX_RETRY = 10
/** curl's default --max-redirs. */
export const DEFAULT_MAX_REDIRS = 50

type Setter = (o: CurlOptions, value: string, name: string) => void

interface OptionDef { long: string; short?: string; arg: boolean; set: Setter }

const flagOn = (key: 'silent' | 'showError' | 'head' | 'include' | 'verbose' | 'location' | 'insecure' | 'fail' | 'failWithBody'): Setter => (o) => { o[key] = true }
const ignored: Setter = () => {}

function seconds(value: string, name: string): number {
  if (!/^\d+(\.\d+)?$/.test(value)) throw new CurlUsageError(`curl: option ${name}: expected a proper numerical parameter`)
  return Math.round(Number(value) * 1000)
}

function count(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new CurlUsageError(`curl: option ${name}: expected a proper numerical parameter`)
  return Number(value)
}

const OPTIONS: readonly OptionDef[] = [
  { long: 'silent', short: 's', arg: false, set: flagOn('silent') },
  { long: 'show-error', short: 'S', arg: false, set: flagOn('showError') },
  { long: 'output', short: 'o', arg: true, set: (o, v) => { o.output = v } },
  { long: 'dump-header', short: 'D', arg: true, set: (o, v) => { o.dumpHeader = v } },
  { long: 'write-out', short: 'w', arg: true, set: (o, v) => { o.writeOut = v } },
  { long: 'header', short: 'H', arg: true, set: (o, v) => { o.headers.push(v) } },
  { long: 'head', short: 'I', arg: false, set: flagOn('head') },
  { long: 'include', short: 'i', arg: false, set: flagOn('include') },
  { long: 'verbose', short: 'v', arg: false, set: flagOn('verbose') },
  { long: 'request', short: 'X', arg: true, set: (o, v) => { o.method = v } },
  { long: 'data', short: 'd', arg: true, set: (o, v) => { o.data.push({ value: v, from: 'data' }) } },
  { long: 'data-raw', arg: true, set: (o, v) => { o.data.push({ value: v, from: 'raw' }) } },
  { long: 'data-binary', arg: true, set: (o, v) => { o.data.push({ value: v, from: 'binary' }) } },
  { long: 'data-urlencode', arg: true, set: (o, v) => { o.data.push({ value: v, from: 'urlencode' }) } },
  { long: 'get', short: 'G', arg: false, set: (o) => { o.get = true } },
  { long: 'location', short: 'L', arg: false, set: flagOn('location') },
  { long: 'max-time', short: 'm', arg: true, set: (o, v, n) => { o.maxTimeMs = seconds(v, n) } },
  { long: 'connect-timeout', arg: true, set: (o, v, n) => { o.connectTimeoutMs = seconds(v, n) } },
  { long: 'insecure', short: 'k', arg: false, set: flagOn('insecure') },
  { long: 'resolve', arg: true, set: (o, v) => { o.resolve.push(v) } },
  { long: 'fail', short: 'f', arg: false, set: flagOn('fail') },
  { long: 'fail-with-body', arg: false, set: flagOn('failWithBody') },
  { long: 'retry', arg: true, set: (o, v, n) => { o.retry = Math.min(MAX_RETRY, count(v, n)) } },
  { long: 'user', short: 'u', arg: true, set: (o, v) => { o.user = v } },
  { long: 'user-agent', short: 'A', arg: true, set: (o, v) => { o.userAgent = v } },
  { long: 'max-redirs', arg: true, set: (o, v, n) => { o.maxRedirs = Math.min(DEFAULT_MAX_REDIRS, count(v, n)) } },
  { long: 'url', arg: true, set: (o, v) => { o.urls.push(v) } },
  // Accepted and without effect in the sim: transfer details the simulated network does not model.
  { long: 'http1.1', arg: false, set: ignored },
  { long: 'http2', arg: false, set: ignored },
  { long: 'compressed', arg: false, set: ignored },
  { long: 'no-buffer', short: 'N', arg: false, set: ignored },
  { long: 'ipv4', short: '4', arg: false, set: ignored },
  { long: 'ipv6', short: '6', arg: false, set: ignored },
  { long: 'no-progress-meter', arg: false, set: ignored },
  { long: 'retry-connrefused', arg: false, set: ignored },
]

export const TRY_HELP = "curl: try 'curl --help' for more information"

export function defaultOptions(): CurlOptions {
  return {
    urls: [], silent: false, showError: false, headers: [], head: false, include: false, verbose: false, data: [], get: false,
    location: false, insecure: false, resolve: [], fail: false, failWithBody: false, retry: 0, maxRedirs: DEFAULT_MAX_REDIRS,
  }
}

export function parseCurlArgs(args: readonly string[]): CurlOptions {
  const o = defaultOptions()
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a.startsWith('--') && a.length > 2) {
      const name = a.slice(2)
      const def = OPTIONS.find((d) => d.long === name)
      if (!def) throw new CurlUsageError(`curl: option ${a}: is unknown`)
      if (!def.arg) { def.set(o, '', a); continue }
      if (i + 1 >= args.length) throw new CurlUsageError(`curl: option ${a}: requires parameter`)
      def.set(o, args[++i]!, a)
      continue
    }
    if (a.startsWith('-') && a.length > 1) {
      i = shortOptions(o, args, i)
      continue
    }
    o.urls.push(a)
  }
  return o
}

function shortOptions(o: CurlOptions, args: readonly string[], i: number): number {
  const a = args[i]!
  for (let j = 1; j < a.length; j++) {
    const def = OPTIONS.find((d) => d.short === a[j])
    if (!def) throw new CurlUsageError(`curl: option -${a.slice(j)}: is unknown`)
    if (!def.arg) { def.set(o, '', `-${a[j]}`); continue }
    const attached = a.slice(j + 1)
    if (attached) { def.set(o, attached, `-${a[j]}`); return i }
    if (i + 1 >= args.length) throw new CurlUsageError(`curl: option -${a[j]}: requires parameter`)
    def.set(o, args[i + 1]!, `-${a[j]}`)
    return i + 1
  }
  return i
}
