// fortio's command line: `fortio command [flags] target`, parsed the way Go's flag package does.
//
// Go flag rules (pkg.go.dev/flag): `-name value`, `-name=value` or `--name`; boolean
// flags take a value only as `-name=false`; parsing stops at the first non-flag
// argument or `--`, so flags after the URL are extra arguments. Errors print one line
// (`flag provided but not defined: -x`, `invalid value "abc" for flag -c: parse error`,
// `flag needs an argument: -c`) then the usage, and exit 2; `-h`/`-help` print the
// usage and exit 0. Flag names, defaults and help texts are fortio 1.69's
// (cli/fortio_main.go, bincommon/commonflags.go, fortio.org/cli and fortio.org/log).

import { parseGoDuration } from './go-format'

export type FlagKind = 'bool' | 'int' | 'float' | 'duration' | 'string' | 'level' | 'list'

export interface FlagSpec {
  name: string
  kind: FlagKind
  /** The word after the flag name in the usage (`-c int`, `-H key:value`); empty for booleans. */
  arg: string
  help: string
  /** The usage's `(default ...)` text, when the default is not the zero value. */
  def?: string
}

const f = (name: string, kind: FlagKind, arg: string, help: string, def?: string): FlagSpec => ({ name, kind, arg, help, def })

/** The client-side flags of `fortio load` and `fortio curl` (server-only flags are accepted as strings and ignored). */
export const FLAGS: readonly FlagSpec[] = [
  f('H', 'list', 'key:value', 'Additional http header(s) or grpc metadata. Multiple key:value pairs can be passed using multiple -H.'),
  f('L', 'bool', '', 'Follow redirects (implies -std-client) - do not use for load test'),
  f('X', 'string', 'string', 'HTTP method to use instead of GET/POST depending on payload/content-type'),
  f('a', 'bool', '', 'Automatically save JSON result with filename based on labels & timestamp'),
  f('abort-on', 'int', 'code', 'Http code that if encountered aborts the run. e.g. 503 or -1 for socket errors.'),
  f('allow-initial-errors', 'bool', '', "Allow and don't abort on initial warmup errors"),
  f('c', 'int', 'int', 'Number of connections/goroutine/threads', '4'),
  f('calc-qps', 'bool', '', 'Calculate the qps based on number of requests (-n) and duration (-t)'),
  f('compression', 'bool', '', 'Enable http compression'),
  f('content-type', 'string', 'string', 'Sets http content type. Setting this value switches the request method from GET to POST.'),
  f('curl', 'bool', '', 'Just fetch the content once'),
  f('curl-stdout-headers', 'bool', '', 'Restore pre 1.22 behavior where http headers of the fast client are output to stdout in curl mode. now stderr by default.'),
  f('gomaxprocs', 'int', 'int', "Setting for runtime.GOMAXPROCS, <1 doesn't change the default"),
  f('grpc', 'bool', '', 'Use GRPC (health check by default, add -ping for ping) for load testing'),
  f('h2', 'bool', '', 'Attempt to use http2.0 / h2 (instead of http 1.1) for both TLS and h2c'),
  f('http1.0', 'bool', '', 'Use http1.0 (instead of http 1.1)'),
  f('https-insecure', 'bool', '', 'Long form of the -k flag'),
  f('jitter', 'bool', '', "set to true to de-synchronize parallel clients' by 10%"),
  f('json', 'string', 'path', "Json output to provided file path or '-' for stdout (empty = no json output, unless -a is used)"),
  f('k', 'bool', '', 'Do not verify certs in https/tls/grpc connections'),
  f('keepalive', 'bool', '', 'Keep connection alive (only for fast http 1.1)', 'true'),
  f('labels', 'string', 'string', 'Additional config data/labels to add to the resulting JSON, defaults to target URL and hostname'),
  f('log-errors', 'bool', '', 'Log http non 2xx/418 error codes as they occur', 'true'),
  f('logger-force-color', 'bool', '', "Force color output even if stderr isn't a terminal"),
  f('logger-no-color', 'bool', '', 'Prevent colorized output even if stderr is a terminal'),
  f('loglevel', 'level', 'level', 'log level, one of [Debug Verbose Info Warning Error Critical Fatal]', 'Info'),
  f('n', 'int', 'int', 'Run for exactly this number of calls instead of duration. Default (0) is to use duration (-t). Default is 1 when used as grpc ping count.'),
  f('nocatchup', 'bool', '', 'set to exact fixed qps and prevent fortio from trying to catchup when the target fails to keep up temporarily'),
  f('offset', 'duration', 'duration', 'Offset of the histogram data'),
  f('p', 'string', 'string', 'List of pXX to calculate', '"50,75,90,99,99.9"'),
  f('payload', 'string', 'string', 'Payload string to send along'),
  f('qps', 'float', 'float', 'Queries Per Seconds or 0 for no wait/max qps', '8'),
  f('quiet', 'bool', '', 'Quiet mode, sets loglevel to Error (quietly) to reduces the output'),
  f('r', 'float', 'float', 'Resolution of the histogram lowest buckets in seconds', '0.001'),
  f('resolve', 'string', 'IP', 'Resolve host name to this IP'),
  f('sequential-warmup', 'bool', '', 'http(s) runner warmup done in parallel instead of sequentially. When set, restores pre 1.21 behavior'),
  f('stdclient', 'bool', '', 'Use the slower net/http standard client (slower but supports h2/h2c)'),
  f('t', 'duration', 'duration', 'How long to run the test or 0 to run until ^C', '5s'),
  f('timeout', 'duration', 'duration', 'Connection and read timeout value (for http)', '3s'),
  f('uniform', 'bool', '', "set to true to de-synchronize parallel clients' requests uniformly"),
  f('user', 'string', 'user:password', 'User credentials for basic authentication (for http). Input data format should be user:password'),
]

/** Flags of fortio's server modes and rarer client knobs: accepted (with a value) and otherwise ignored. */
const IGNORED_VALUE_FLAGS = new Set([
  'access-log-file', 'access-log-format', 'base-url', 'cacert', 'cert', 'config-dir', 'config-port', 'connection-reuse',
  'data-dir', 'echo-debug-path', 'grpc-port', 'http-port', 'httpbufferkb', 'key', 'maxpayloadsizekb', 'payload-file',
  'payload-size', 'profile', 'ramp', 'redirect-port', 'runid', 'tcp-port', 'udp-port', 'ui-path', 'unix-socket',
])
const IGNORED_BOOL_FLAGS = new Set(['halfclose', 'httpccch', 'mtls', 'no-reresolve', 'ping', 'stream', 'health'])

export const LOG_LEVELS = ['Debug', 'Verbose', 'Info', 'Warning', 'Error', 'Critical', 'Fatal'] as const
export type LogLevel = 0 | 1 | 2 | 3 | 4 | 5 | 6

export type FlagValue = boolean | number | string | string[]
export type ParsedFlags = Map<string, FlagValue>

export type ParseResult =
  | { kind: 'ok'; flags: ParsedFlags; args: string[]; order: string[] }
  | { kind: 'help' }
  | { kind: 'error'; message: string }

/** Go's flag.Parse over argv (without the program and command). */
export function parseFlags(argv: readonly string[]): ParseResult {
  const flags: ParsedFlags = new Map()
  const order: string[] = []
  let i = 0
  while (i < argv.length) {
    const a = argv[i]!
    if (a.length < 2 || a[0] !== '-') break
    let name = a.slice(1)
    if (name[0] === '-') {
      name = name.slice(1)
      if (name === '') { i++; break }
    }
    if (name === '' || name[0] === '-' || name[0] === '=') return { kind: 'error', message: `bad flag syntax: ${a}` }
    i++
    const eq = name.indexOf('=')
    const inline = eq >= 0 ? name.slice(eq + 1) : undefined
    if (eq >= 0) name = name.slice(0, eq)
    const spec = FLAGS.find((s) => s.name === name)
    const ignoredBool = IGNORED_BOOL_FLAGS.has(name)
    if (!spec && !ignoredBool && !IGNORED_VALUE_FLAGS.has(name)) {
      if (name === 'h' || name === 'help') return { kind: 'help' }
      return { kind: 'error', message: `flag provided but not defined: -${name}` }
    }
    if (spec?.kind === 'bool' || ignoredBool) {
      const value = inline === undefined ? true : parseBool(inline)
      if (value === undefined) return { kind: 'error', message: `invalid boolean value "${inline}" for -${name}: parse error` }
      if (spec) flags.set(name, value)
      order.push(name)
      continue
    }
    let raw = inline
    if (raw === undefined) {
      if (i >= argv.length) return { kind: 'error', message: `flag needs an argument: -${name}` }
      raw = argv[i++]!
    }
    // Ignored flags keep their text (fortio load reads -data-dir for -a).
    if (!spec) { flags.set(name, raw); order.push(name); continue }
    const value = convert(spec, raw, flags.get(name))
    if (typeof value === 'object' && 'error' in value) return { kind: 'error', message: `invalid value "${raw}" for flag -${name}: ${value.error}` }
    flags.set(name, value)
    order.push(name)
  }
  return { kind: 'ok', flags, args: argv.slice(i), order }
}

function parseBool(raw: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false
  return undefined
}

function convert(spec: FlagSpec, raw: string, previous: FlagValue | undefined): FlagValue | { error: string } {
  switch (spec.kind) {
    case 'int': {
      if (!/^[+-]?(0x[0-9a-fA-F]+|\d+)$/.test(raw)) return { error: 'parse error' }
      const n = Number(raw)
      return Number.isSafeInteger(n) ? n : { error: 'value out of range' }
    }
    case 'float': {
      const n = Number(raw)
      return raw.trim() === '' || Number.isNaN(n) ? { error: 'parse error' } : n
    }
    case 'duration': return parseGoDuration(raw) ?? { error: 'parse error' }
    case 'level': {
      const lvl = LOG_LEVELS.findIndex((l) => l.toLowerCase() === raw.trim().toLowerCase())
      return lvl < 0 ? { error: `should be one of [${LOG_LEVELS.join(' ')}]` } : lvl
    }
    case 'list': return [...((previous as string[] | undefined) ?? []), raw]
    default: return raw
  }
}

/** Go's flag.PrintDefaults over our table, sorted by name. */
export function printDefaults(): string {
  return [...FLAGS].sort((a, b) => (a.name < b.name ? -1 : 1)).map((s) => {
    let line = `  -${s.name}`
    if (s.arg) line += ` ${s.arg}`
    line += line.length <= 4 ? '\t' : '\n    \t'
    line += s.help
    if (s.def !== undefined) line += ` (default ${s.def})`
    return line + '\n'
  }).join('')
}
