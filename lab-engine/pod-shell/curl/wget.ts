// BusyBox wget (Alpine-based images such as curlimages/curl): `wget -qO- URL` over the same HttpTransport as curl.
//
// Messages follow BusyBox 1.36's networking/wget.c: `wget: bad address 'x'`,
// `wget: can't connect to remote host (ip): Connection refused`,
// `wget: server returned error: HTTP/1.1 404 Not Found`, all exit 1; without -q
// it reports `Connecting to host (ip:port)` and where it writes. The progress bar
// line is not drawn.

import type { CommandContext, CommandSpec } from '../../shell/registry'
import { basename, resolvePath } from '../../shell/vfs'
import type { CurlEnv } from './curl'
import type { HttpRequest } from './transport'
import { parseUrl } from './url'

export const WGET_USAGE = 'BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n'

interface WgetOptions { quiet: boolean; output?: string; headers: string[]; postData?: string; userAgent?: string; timeoutMs?: number; spider: boolean; urls: string[] }

class WgetUsage extends Error {}

function parseWget(args: readonly string[]): WgetOptions {
  const o: WgetOptions = { quiet: false, headers: [], spider: false, urls: [] }
  const needValue = (i: number, name: string) => {
    if (i + 1 >= args.length) throw new WgetUsage(`wget: option requires an argument -- '${name}'`)
    return args[i + 1]!
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--spider') { o.spider = true; continue }
    if (a === '--header') { o.headers.push(needValue(i++, 'header')); continue }
    if (a === '--post-data') { o.postData = needValue(i++, 'post-data'); continue }
    if (a.startsWith('--')) throw new WgetUsage(`wget: unrecognized option '${a}'`)
    if (!a.startsWith('-') || a === '-') { o.urls.push(a); continue }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!
      if (c === 'q') { o.quiet = true; continue }
      if (c === 'S' || c === 'c') continue
      if (!'OUTo'.includes(c)) throw new WgetUsage(`wget: invalid option -- '${c}'`)
      const value = a.slice(j + 1) || needValue(i++, c)
      if (c === 'O') o.output = value
      if (c === 'U') o.userAgent = value
      if (c === 'T') o.timeoutMs = Number(value) * 1000
      break
    }
  }
  return o
}

export function createWgetCommand(net: CurlEnv): CommandSpec {
  return { name: 'wget', run: (ctx) => runWget(net, ctx) }
}

async function runWget(net: CurlEnv, ctx: CommandContext): Promise<number> {
  let opts: WgetOptions
  try {
    opts = parseWget(ctx.argv.slice(1))
  } catch (e) {
    if (!(e instanceof WgetUsage)) throw e
    ctx.stderr.write(`${e.message}\n${WGET_USAGE}`)
    return 1
  }
  if (opts.urls.length === 0) { ctx.stderr.write(WGET_USAGE); return 1 }
  for (const raw of opts.urls.slice(0, 10)) {
    const code = await fetchOne(net, ctx, opts, raw)
    if (code !== 0) return code
  }
  return 0
}

async function fetchOne(net: CurlEnv, ctx: CommandContext, opts: WgetOptions, raw: string): Promise<number> {
  const parsed = parseUrl(raw)
  if (parsed.kind === 'error') { ctx.stderr.write(`wget: bad address '${raw}'\n`); return 1 }
  const url = parsed.url
  const req: HttpRequest = {
    method: opts.spider ? 'HEAD' : opts.postData !== undefined ? 'POST' : 'GET', scheme: url.scheme, host: url.host, port: url.port, path: url.path,
    headers: [['Host', url.host], ['User-Agent', opts.userAgent ?? 'Wget'], ...opts.headers.map((h) => [h.slice(0, h.indexOf(':')).trim(), h.slice(h.indexOf(':') + 1).trim()] as [string, string])],
    body: opts.postData, resolve: [], maxTimeMs: opts.timeoutMs, insecure: false,
  }
  const result = await net.transport().send(req, { source: net.source, resolve: net.resolve, clock: ctx.clock, signal: ctx.signal })
  if (result.kind === 'error') {
    if (result.curlExitCode === 6) { ctx.stderr.write(`wget: bad address '${url.host}'\n`); return 1 }
    if (!opts.quiet) ctx.stderr.write(`Connecting to ${url.host} (${result.remoteIp ?? url.host}:${url.port})\n`)
    if (result.curlExitCode === 28) { ctx.stderr.write('wget: download timed out\n'); return 1 }
    ctx.stderr.write(`wget: can't connect to remote host (${result.remoteIp ?? url.host}): Connection refused\n`)
    return 1
  }
  if (!opts.quiet) ctx.stderr.write(`Connecting to ${url.host} (${result.remoteIp}:${result.remotePort})\n`)
  if (result.status >= 400) { ctx.stderr.write(`wget: server returned error: HTTP/1.1 ${result.status} ${result.statusText}\n`); return 1 }
  if (opts.spider) { if (!opts.quiet) ctx.stderr.write('remote file exists\n'); return 0 }
  const target = opts.output ?? (basename(url.path.split('?')[0]!) || 'index.html')
  if (target === '-') {
    if (!opts.quiet) ctx.stderr.write('writing to stdout\n')
    ctx.stdout.write(result.body)
    if (!opts.quiet) ctx.stderr.write('written to stdout\n')
    return 0
  }
  const name = target === '/' ? 'index.html' : target
  if (!opts.quiet) ctx.stderr.write(`saving to '${name}'\n`)
  try {
    ctx.vfs.writeFile(resolvePath(ctx.cwd, name), result.body)
  } catch {
    ctx.stderr.write(`wget: can't open '${name}': No such file or directory\n`)
    return 1
  }
  if (!opts.quiet) ctx.stderr.write(`'${name}' saved\n`)
  return 0
}
