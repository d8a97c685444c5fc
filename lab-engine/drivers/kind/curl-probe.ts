// Curl probe: the grader's HTTP request as a curl argv with a fixed write-out, and that output parsed into an HttpProbeResult.
//
// curl(1): `-D -` writes the response headers to stdout ahead of the body;
// `-w` prints after the transfer, also when it failed, and `%{json}` gives
// http_code (0 when no response: the "000"), exitcode, time_total in
// seconds and size_header in bytes — what splits headers from body exactly.
import { DEFAULT_PROBE_TIMEOUT_MS, DriverError, type HttpProbe, type HttpProbeResult } from '../cluster-driver'
import type { RunResult } from './command-runner'

/** Printed by `-w` between the body and the JSON; unlikely in a body, and only the last one counts. */
export const PROBE_MARKER = '__MESH_DOJO_PROBE__'
/** curl turns the `\n` in a -w format into a newline itself (no shell involved). */
const WRITE_OUT = `\\n${PROBE_MARKER}%{json}`

interface CurlWriteOut {
  http_code?: number
  exitcode?: number
  errormsg?: string | null
  time_total?: number
  size_header?: number
}

/** The curl argv for one probe; the body, if any, goes on stdin (`--data-binary @-`). */
export function curlProbeArgv(req: HttpProbe): string[] {
  const method = (req.method ?? 'GET').toUpperCase()
  const seconds = ((req.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS) / 1000).toFixed(3)
  const argv = ['curl', '-sS', '-D', '-', '-w', WRITE_OUT, '--max-time', seconds]
  argv.push(...(method === 'HEAD' ? ['--head'] : method === 'GET' && req.body === undefined ? [] : ['-X', method]))
  if (req.insecure ?? true) argv.push('-k')
  for (const pin of req.resolve ?? []) argv.push('--resolve', pin)
  for (const [name, value] of Object.entries(req.headers ?? {})) argv.push('-H', `${name}: ${value}`)
  if (req.body !== undefined) argv.push('--data-binary', '@-')
  argv.push('--', req.url)
  return argv
}

/** The command's own deadline: curl's --max-time plus room for kubectl exec / docker exec to start. */
export function probeDeadlineMs(req: HttpProbe): number {
  return (req.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS) + 15_000
}

/** Parses what the probe printed; a run without the write-out (kubectl or docker failed first) is a DriverError. */
export function parseCurlProbe(r: RunResult, where: string): HttpProbeResult {
  const at = r.stdout.lastIndexOf(PROBE_MARKER)
  if (at < 0) {
    if (r.timedOut) throw new DriverError('timeout', `HTTP probe from ${where} did not finish and was killed`)
    throw new DriverError('failed', `HTTP probe from ${where} did not run curl (exit ${r.exitCode}): ${r.stderr.trim() || 'no output'}`)
  }
  const w = parseWriteOut(r.stdout.slice(at + PROBE_MARKER.length), where)
  const { headerText, body } = splitResponse(r.stdout.slice(0, Math.max(0, at - 1)), w.size_header)
  return {
    status: w.http_code ?? 0,
    headers: parseHeaders(headerText),
    body,
    elapsedMs: Math.round((w.time_total ?? 0) * 1_000_000) / 1000,
    curlExit: w.exitcode ?? r.exitCode,
  }
}

function parseWriteOut(text: string, where: string): CurlWriteOut {
  try {
    return JSON.parse(text.trim()) as CurlWriteOut
  } catch {
    throw new DriverError('failed', `HTTP probe from ${where}: curl's -w output is not JSON (curl older than 7.70?): ${text.slice(0, 200)}`)
  }
}

/** Headers are the first size_header bytes (every header block, 100 Continue included); the body is the rest. */
export function splitResponse(out: string, sizeHeader: number | undefined): { headerText: string; body: string } {
  if (sizeHeader === undefined) {
    const m = /\r?\n\r?\n/.exec(out)
    return m ? { headerText: out.slice(0, m.index), body: out.slice(m.index + m[0].length) } : { headerText: out, body: '' }
  }
  const bytes = Buffer.from(out, 'utf8')
  return { headerText: bytes.subarray(0, sizeHeader).toString('utf8'), body: bytes.subarray(sizeHeader).toString('utf8') }
}

/** The last header block's fields, lower-case names; repeated fields joined with ", " (RFC 9110 §5.3). */
export function parseHeaders(headerText: string): Record<string, string> {
  const blocks = headerText.split(/\r?\n\r?\n/).filter((b) => b.trim())
  const last = blocks.at(-1) ?? ''
  const headers: Record<string, string> = {}
  for (const line of last.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  return headers
}
