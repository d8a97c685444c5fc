// The `curl` command: options -> HttpRequest -> HttpTransport -> curl 8.x's output, messages and exit codes.
//
// Assumptions (curl 8.x, as curlimages/curl ships it): errors print
// `curl: (N) message` unless -s (and -S brings them back); -v prints
// connection lines with "* ", request headers with "> ", response headers with
// "< "; -I/-i print headers with CRLF line ends as curl does; -f turns a status
// >= 400 into exit 22 without the body. The progress meter (progress.ts) goes
// to stderr when the body goes to a file or a non-terminal, unless -s.

import type { CommandContext, CommandSpec } from '../../shell/registry'
import { resolvePath } from '../../shell/vfs'
import { CurlUsageError, parseCurlArgs, TRY_HELP, type CurlOptions } from './options'
import type { HostResolver, HttpRequest, HttpResult, HttpTransport, RequestSource } from './transport'
import { formatUrl, parseUrl, resolveLocation, type ParsedUrl } from './url'
import { METER_HEADER, meterLine } from './progress'
import { formatWriteOut } from './write-out'

export const CURL_VERSION = '8.11.1'
/** URLs one command line may fetch. */
const MAX_URLS = 10
/** HTTP statuses curl's --retry treats as transient. */
const TRANSIENT = new Set([408, 429, 500, 502, 503, 504])

export interface CurlEnv {
  transport(): HttpTransport
  source: RequestSource
  resolve: HostResolver
  /** False inside `kubectl exec` (a pipe, no TTY): curl then draws its progress meter. */
  stdoutIsTerminal: boolean
}

export function createCurlCommand(net: CurlEnv): CommandSpec {
  return { name: 'curl', run: (ctx) => runCurl(net, ctx) }
}

async function runCurl(net: CurlEnv, ctx: CommandContext): Promise<number> {
  let opts: CurlOptions
  try {
    opts = parseCurlArgs(ctx.argv.slice(1))
  } catch (e) {
    if (!(e instanceof CurlUsageError)) throw e
    ctx.stderr.write(`${e.message}\n${TRY_HELP}\n`)
    return e.exitCode
  }
  if (opts.urls.length === 0) {
    ctx.stderr.write("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n")
    return 2
  }
  const data = requestBody(ctx, opts)
  // -G: the data becomes the query string of a GET (curl appends it with ? or &).
  const body = opts.get ? undefined : data
  let status = 0
  for (const raw of opts.urls.slice(0, MAX_URLS)) {
    const target = opts.get && data !== undefined ? raw + (raw.includes('?') ? '&' : '?') + data : raw
    const code = await fetchOne(net, ctx, opts, target, body)
    if (code !== 0) status = code
  }
  return status
}

/** One URL: retries, redirects, then output. Returns curl's exit code. */
async function fetchOne(net: CurlEnv, ctx: CommandContext, opts: CurlOptions, raw: string, body: string | undefined): Promise<number> {
  const parsed = parseUrl(raw)
  if (parsed.kind === 'error') return fail(ctx, opts, parsed.exitCode, parsed.message)
  let url = parsed.url
  let redirects = 0
  const meter = !opts.silent && !opts.verbose && (opts.output !== undefined || !net.stdoutIsTerminal)
  if (meter) ctx.stderr.write(METER_HEADER)
  // -i with -L shows every hop's headers before the final response.
  let prefix = ''
  for (;;) {
    const req = buildRequest(opts, url, body)
    if (typeof req === 'string') return fail(ctx, opts, 3, req)
    const result = await sendWithRetries(net, ctx, opts, req)
    if (opts.verbose) writeVerbose(ctx, req, result)
    if (opts.dumpHeader !== undefined && result.kind === 'response') dumpHeaders(ctx, opts.dumpHeader, headerBlock(result))
    const location = result.kind === 'response' && result.status >= 300 && result.status < 400
      ? result.headers.find(([k]) => k.toLowerCase() === 'location')?.[1] : undefined
    if (opts.location && location !== undefined) {
      if (redirects >= opts.maxRedirs) return finish(ctx, opts, meter, req, result, redirects, 47, `Maximum (${opts.maxRedirs}) redirects followed`)
      if (opts.include && result.kind === 'response') prefix += headerBlock(result)
      const next = resolveLocation(url, location)
      if (next.kind === 'error') return finish(ctx, opts, meter, req, result, redirects, next.exitCode, next.message)
      url = next.url
      redirects++
      continue
    }
    return complete(ctx, opts, meter, req, result, redirects, prefix)
  }
}

function complete(ctx: CommandContext, opts: CurlOptions, meter: boolean, req: HttpRequest, result: HttpResult, redirects: number, prefix: string): number {
  if (result.kind === 'error') return finish(ctx, opts, meter, req, result, redirects, result.curlExitCode, result.message)
  const failed = (opts.fail || opts.failWithBody) && result.status >= 400
  if (failed && !opts.failWithBody) return finish(ctx, opts, meter, req, result, redirects, 22, `The requested URL returned error: ${result.status}`)
  let out = prefix
  if (opts.include || opts.head) out += headerBlock(result)
  if (req.method !== 'HEAD') out += result.body
  const written = writeBody(ctx, opts, out)
  if (!written) return finish(ctx, opts, meter, req, result, redirects, 23, 'Failure writing output to destination')
  if (opts.verbose) ctx.stderr.write(`* Connection #0 to host ${req.host} left intact\n`)
  if (failed) return finish(ctx, opts, meter, req, result, redirects, 22, `The requested URL returned error: ${result.status}`)
  return finish(ctx, opts, meter, req, result, redirects, 0, '')
}

/** Prints the error line (unless silenced) and the -w output; returns the exit code. */
function finish(ctx: CommandContext, opts: CurlOptions, meter: boolean, req: HttpRequest, result: HttpResult, redirects: number, code: number, message: string): number {
  const received = result.kind === 'response' && req.method !== 'HEAD' && code !== 22 && code !== 23 ? new TextEncoder().encode(result.body).length : 0
  if (meter) ctx.stderr.write(`\r${meterLine(received, result.timings.total, new TextEncoder().encode(req.body ?? '').length)}\n`)
  if (code !== 0 && (!opts.silent || opts.showError)) ctx.stderr.write(`curl: (${code}) ${message}\n`)
  if (opts.writeOut !== undefined) {
    const body = result.kind === 'response' && req.method !== 'HEAD' ? result.body : ''
    ctx.stdout.write(formatWriteOut(opts.writeOut, {
      result, method: req.method, scheme: req.scheme.toUpperCase(), numRedirects: redirects, exitCode: code, errorMessage: message,
      urlEffective: formatUrl(req), sizeDownload: new TextEncoder().encode(body).length,
    }, (line) => ctx.stderr.write(line + '\n')))
  }
  return code
}

function fail(ctx: CommandContext, opts: CurlOptions, code: number, message: string): number {
  if (!opts.silent || opts.showError) ctx.stderr.write(`curl: (${code}) ${message}\n`)
  return code
}

async function sendWithRetries(net: CurlEnv, ctx: CommandContext, opts: CurlOptions, req: HttpRequest): Promise<HttpResult> {
  let delay = 1
  for (let left = opts.retry; ; left--) {
    const result = await net.transport().send(req, { source: net.source, resolve: net.resolve, clock: ctx.clock, signal: ctx.signal })
    const transient = result.kind === 'error' ? result.curlExitCode === 28 : TRANSIENT.has(result.status)
    if (!transient || left <= 0) return result
    const problem = result.kind === 'error' ? 'timeout' : `HTTP error`
    if (!opts.silent) ctx.stderr.write(`Warning: Problem : ${problem}. Will retry in ${delay} second${delay === 1 ? '' : 's'}. ${left} ${left === 1 ? 'retry' : 'retries'} left.\n`)
    await ctx.clock.sleep(delay * 1000, ctx.signal)
    delay = Math.min(delay * 2, 600)
  }
}

/** The request curl would send, or the URL error text. */
function buildRequest(opts: CurlOptions, url: ParsedUrl, body: string | undefined): HttpRequest | string {
  const resolve = []
  for (const entry of opts.resolve) {
    const m = /^([^:]+):(\d+):(.+)$/.exec(entry)
    if (m) resolve.push({ host: m[1]!, port: Number(m[2]), address: m[3]! })
  }
  const method = opts.method ?? (opts.head ? 'HEAD' : body !== undefined ? 'POST' : 'GET')
  const defaultPort = url.scheme === 'https' ? 443 : 80
  const headers: [string, string][] = [
    ['Host', url.port === defaultPort ? url.host : `${url.host}:${url.port}`],
    ['User-Agent', opts.userAgent ?? `curl/${CURL_VERSION}`],
    ['Accept', '*/*'],
  ]
  if (opts.user !== undefined) headers.splice(1, 0, ['Authorization', `Basic ${btoa(unescape(encodeURIComponent(opts.user.includes(':') ? opts.user : opts.user + ':')))}`])
  if (body !== undefined) headers.push(['Content-Length', String(new TextEncoder().encode(body).length)], ['Content-Type', 'application/x-www-form-urlencoded'])
  for (const h of opts.headers) applyHeader(headers, h)
  return {
    method, scheme: url.scheme, host: url.host, port: url.port, path: url.path, headers, body, resolve,
    connectTimeoutMs: opts.connectTimeoutMs, maxTimeMs: opts.maxTimeMs, insecure: opts.insecure,
  }
}

/**
 * The POST body: -d pieces joined with "&". `-d @file` reads the file without
 * its newlines and `--data-binary @file` as is (`@-` is stdin); a missing file
 * is curl's warning and an empty piece.
 */
function requestBody(ctx: CommandContext, opts: CurlOptions): string | undefined {
  if (opts.data.length === 0) return undefined
  return opts.data.map(({ value, from }) => {
    if (from === 'urlencode') return urlEncodedPiece(ctx, value)
    if (from === 'raw' || !value.startsWith('@')) return value
    const name = value.slice(1)
    let text: string
    if (name === '-') text = ctx.stdin
    else {
      const path = resolvePath(ctx.cwd, name)
      if (!ctx.vfs.isFile(path)) {
        if (!opts.silent) ctx.stderr.write(`Warning: Couldn't read data from file "${name}", this makes an empty POST.\n`)
        return ''
      }
      text = ctx.vfs.readFile(path)
    }
    return from === 'data' ? text.replace(/[\r\n]/g, '') : text
  }).join('&')
}

/**
 * --data-urlencode as curl documents it: `content`, `=content`, `name=content`,
 * `@file` and `name@file`; the content (or file) is percent-encoded, the name is not.
 */
function urlEncodedPiece(ctx: CommandContext, value: string): string {
  const eq = value.indexOf('=')
  const at = value.indexOf('@')
  if (eq >= 0 && (at < 0 || eq < at)) {
    const name = value.slice(0, eq)
    return (name ? `${name}=` : '') + curlEscape(value.slice(eq + 1))
  }
  if (at >= 0) {
    const name = value.slice(0, at)
    const path = resolvePath(ctx.cwd, value.slice(at + 1))
    const text = value.slice(at + 1) === '-' ? ctx.stdin : ctx.vfs.isFile(path) ? ctx.vfs.readFile(path) : ''
    return (name ? `${name}=` : '') + curlEscape(text)
  }
  return curlEscape(value)
}

/** curl_easy_escape: every byte but ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX. */
function curlEscape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

/** -H "Name: value" replaces curl's own header of that name; "Name:" removes it. */
function applyHeader(headers: [string, string][], raw: string): void {
  const colon = raw.indexOf(':')
  if (colon <= 0) return
  const name = raw.slice(0, colon).trim()
  const value = raw.slice(colon + 1).trim()
  const at = headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase())
  if (at >= 0) headers.splice(at, 1)
  if (value) headers.splice(at >= 0 ? at : headers.length, 0, [name, value])
}

function headerBlock(r: Extract<HttpResult, { kind: 'response' }>): string {
  const status = r.httpVersion === '2' ? `HTTP/2 ${r.status} ` : `HTTP/1.1 ${r.status} ${r.statusText}`
  return [status, ...r.headers.map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n')
}

function writeVerbose(ctx: CommandContext, req: HttpRequest, result: HttpResult): void {
  const lines = result.trace.map((l) => `* ${l}`)
  if (result.kind === 'response') {
    lines.push(`> ${req.method} ${req.path} HTTP/1.1`, ...req.headers.map(([k, v]) => `> ${k}: ${v}`), '> ', '* Request completely sent off')
    lines.push(`< ${result.httpVersion === '2' ? `HTTP/2 ${result.status}` : `HTTP/1.1 ${result.status} ${result.statusText}`}`)
    lines.push(...result.headers.map(([k, v]) => `< ${k}: ${v}`), '< ')
  } else {
    lines.push('* Closing connection')
  }
  ctx.stderr.write(lines.join('\n') + '\n')
}

/** Writes to stdout, or to the -o file; false when the file cannot be written (curl's exit 23). */
/** -D: the header block of each response as it arrives, to stdout or appended to the file. */
function dumpHeaders(ctx: CommandContext, target: string, block: string): void {
  if (target === '-') return ctx.stdout.write(block)
  if (target === '/dev/null') return
  const path = resolvePath(ctx.cwd, target)
  try {
    ctx.vfs.writeFile(path, (ctx.vfs.isFile(path) ? ctx.vfs.readFile(path) : '') + block)
  } catch {
    ctx.stderr.write(`Warning: Failed to open the file ${target}: No such file or directory\n`)
  }
}

function writeBody(ctx: CommandContext, opts: CurlOptions, text: string): boolean {
  if (opts.output === undefined || opts.output === '-') { ctx.stdout.write(text); return true }
  if (opts.output === '/dev/null') return true
  try {
    const path = resolvePath(ctx.cwd, opts.output)
    ctx.vfs.writeFile(path, text)
    return true
  } catch {
    if (!opts.silent) ctx.stderr.write(`Warning: Failed to open the file ${opts.output}: No such file or directory\n`)
    return false
  }
}
