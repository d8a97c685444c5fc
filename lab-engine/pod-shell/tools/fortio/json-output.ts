// Where `fortio load -json` / `-a` put the result, the line fortio prints about it, and what of the
// command line the document echoes (labels, HTTP options).
//
// Follows cli/fortio_main.go (fortioLoad, after "All done"): nothing without -json or -a;
// `-json -` writes the document and a newline to stdout ("stdout" in the message); `-json
// <file>` creates the file in the container (relative to the shell's directory); `-a` alone
// names it <data-dir>/<result ID>.json (data-dir "." by default). Then on stderr:
// `Successfully wrote N bytes of Json data to <name>` (N counts the newline). A file that cannot
// be created or written, or a result that cannot be encoded (NaN qps), is log.Fatalf:
// a fatal log line (`Unable to create out/x.json: open out/x.json: no such file or directory`)
// and exit 1 (the fortio CLI's log config exits rather than panics; an assumption).

import type { CommandContext } from '../../../shell/registry'
import type { Vfs } from '../../../shell/vfs'
import { resolvePath } from '../../../shell/vfs'
import { VfsError } from '../../../shell/vfs-error'
import type { RequestSource } from '../../curl/transport'
import { utf8Length } from './client'
import type { ParsedFlags } from './flags'
import { GoJsonError } from './go-json'
import type { FinishedRun } from './load'
import { LEVEL, SITES, type FortioLog } from './log'
import { defaultLabels, resultId, resultJson, type HttpOptionsInput } from './result-json'

export interface JsonRequest {
  /** The -json value: a path, "-" for stdout, "" for none. */
  path: string
  /** -a: save under an automatic name when -json is empty. */
  auto: boolean
  /** -data-dir. */
  dataDir: string
}

export interface JsonOutputIO {
  stdout: { write(s: string): void }
  stderr: { write(s: string): void }
  vfs: Vfs
  cwd: string
  log: FortioLog
}

export interface RunContext {
  /** The URL as typed. */
  url: string
  /** The URL as fortio keeps it (scheme added). */
  href: string
  percentiles: readonly number[]
  log: FortioLog
  source: RequestSource
}

/** The -json / -a writer for a `fortio load`, or undefined when neither flag asks for one. */
export function jsonWriter(flags: ParsedFlags, ctx: CommandContext, rc: RunContext): ((run: FinishedRun) => number) | undefined {
  const request = { path: text(flags, 'json'), auto: flags.get('a') === true, dataDir: text(flags, 'data-dir') || '.' }
  if (!wantsJson(request)) return undefined
  // An empty -labels means the default, as in fortioLoad.
  const labels = text(flags, 'labels') || defaultLabels(rc.url.replace(/^[ \t\r\n]+/, ''), hostname(ctx, rc.source))
  const http = httpOptions(flags, rc.href)
  return (run) => saveJson(request, () => {
    const input = { ...run, labels, percentiles: rc.percentiles, http }
    return { json: resultJson(input), id: resultId(run.genTimeMs, labels) }
  }, { stdout: ctx.stdout, stderr: ctx.stderr, vfs: ctx.vfs, cwd: ctx.cwd, log: rc.log })
}

/** The HTTPOptions the flags set (bincommon.SharedHTTPOptions). */
function httpOptions(flags: ParsedFlags, href: string): HttpOptionsInput {
  const timeout = flags.get('timeout')
  return {
    url: href, insecure: flags.get('k') === true || flags.get('https-insecure') === true, compression: flags.get('compression') === true,
    stdClient: flags.get('stdclient') === true, http10: flags.get('http1.0') === true, h2: flags.get('h2') === true,
    keepAlive: flags.get('keepalive') !== false, followRedirects: flags.get('L') === true, resolve: text(flags, 'resolve'),
    timeoutMs: typeof timeout === 'number' ? timeout : 3000, user: text(flags, 'user'),
    contentType: text(flags, 'content-type') || headerValue(flags, 'content-type'), payload: text(flags, 'payload'),
    method: text(flags, 'X'), logErrors: flags.get('log-errors') !== false, sequentialWarmup: flags.get('sequential-warmup') === true,
  }
}

/** os.Hostname in the container: the kubelet-written /etc/hostname, else the pod's name. */
function hostname(ctx: CommandContext, source: RequestSource): string {
  try {
    const written = ctx.vfs.readFile('/etc/hostname').trim()
    if (written) return written
  } catch (e) {
    if (!(e instanceof VfsError)) throw e
  }
  return source.kind === 'pod' ? source.podName : 'localhost'
}

/** The value of the last -H for a header name (case-insensitive), trimmed, or "". */
function headerValue(flags: ParsedFlags, name: string): string {
  const found = ((flags.get('H') as string[] | undefined) ?? []).filter((h) => h.slice(0, h.indexOf(':')).trim().toLowerCase() === name)
  const last = found.at(-1)
  return last === undefined ? '' : last.slice(last.indexOf(':') + 1).trim()
}

function text(flags: ParsedFlags, name: string): string {
  const v = flags.get(name)
  return typeof v === 'string' ? v : ''
}

/** Whether a run must produce its JSON at all. */
export function wantsJson(r: JsonRequest): boolean {
  return r.auto || r.path !== ''
}

/** Writes the result (built by `build`, with its ID for -a) and reports it; the exit code (0, or 1 after a fatal). */
export function saveJson(r: JsonRequest, build: () => { json: string; id: string }, io: JsonOutputIO): number {
  let result
  try {
    result = build()
  } catch (e) {
    if (!(e instanceof GoJsonError)) throw e
    return fatal(io, SITES.jsonEncode, `Unable to json serialize result: ${e.message}`)
  }
  const data = result.json + '\n'
  let name = r.path
  if (name === '-') {
    io.stdout.write(data)
    name = 'stdout'
  } else {
    if (name === '') name = joinPath(r.dataDir, `${result.id}.json`)
    const failure = writeFile(io, name, data)
    if (failure) return failure
  }
  io.stderr.write(`Successfully wrote ${utf8Length(data)} bytes of Json data to ${name}\n`)
  return 0
}

/** os.Create + Write; the exit code of the fatal when either fails. */
function writeFile(io: JsonOutputIO, name: string, data: string): number | undefined {
  if (name === '/dev/null') return undefined
  if (name === '/dev/stdout' || name === '/dev/stderr') { (name === '/dev/stdout' ? io.stdout : io.stderr).write(data); return undefined }
  try {
    io.vfs.writeFile(resolvePath(io.cwd, name), data)
    return undefined
  } catch (e) {
    if (!(e instanceof VfsError)) throw e
    const errno = e.message[0]!.toLowerCase() + e.message.slice(1)
    if (e.code === 'ENOSPC' || e.code === 'EFBIG') return fatal(io, SITES.jsonWrite, `Unable to write json to ${name}: write ${name}: ${errno}`)
    return fatal(io, SITES.jsonCreate, `Unable to create ${name}: open ${name}: ${errno}`)
  }
}

function fatal(io: JsonOutputIO, site: (typeof SITES)[keyof typeof SITES], msg: string): number {
  io.log.log(LEVEL.fatal, site, msg)
  return 1
}

/** path.Join: the parts joined by "/", then cleaned (no "." or empty elements, ".." resolved where it can be). */
function joinPath(dir: string, file: string): string {
  const rooted = dir.startsWith('/')
  const out: string[] = []
  for (const part of `${dir}/${file}`.split('/')) {
    if (part === '' || part === '.') continue
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop()
    else if (part !== '..' || !rooted) out.push(part)
  }
  return (rooted ? '/' : '') + out.join('/')
}
