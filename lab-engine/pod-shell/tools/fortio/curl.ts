// `fortio curl URL` and `fortio load -curl URL`: one request with fortio's fast client.
//
// Follows bincommon/commonflags.go (FetchURL): the response headers go to stderr
// and the body to stdout (-curl-stdout-headers puts both on stdout, fortio's pre-1.22
// behaviour); in a terminal they appear together, as Istio's circuit-breaking task
// shows. A status other than 200 logs `Error status <code>` and exits 1. For a
// non-2xx answer the fast client stops parsing at the status line, so the whole
// response (headers included) is written to stdout.

import type { HttpTransport, TransportContext } from '../../curl/transport'
import { sequentialLoad } from '../../curl/transport'
import { FortioClient } from './client'
import { LEVEL, SITES, type FortioLog } from './log'
import type { HttpRequest } from '../../curl/transport'

export interface CurlRun {
  request: HttpRequest
  addresses: readonly string[]
  keepAlive: boolean
  logErrors: boolean
  headersToStdout: boolean
}

export interface CurlIO {
  transport: HttpTransport
  ctx: TransportContext
  out: { write(s: string): void }
  err: { write(s: string): void }
  log: FortioLog
}

export async function runCurl(run: CurlRun, io: CurlIO): Promise<number> {
  const client = new FortioClient({
    request: run.request, addresses: run.addresses, keepAlive: run.keepAlive, logErrors: run.logErrors,
    offset: 0, resolution: 0.001, thread: 0, goroutine: 1, log: io.log,
  })
  const got = await client.fetch(sequentialLoad(io.transport, io.ctx))
  const headers = got.data.slice(0, charsFor(got.data, got.headerSize))
  const body = got.data.slice(headers.length)
  if (run.headersToStdout) io.out.write(got.data)
  else { io.err.write(headers); io.out.write(body) }
  if (got.code !== 200) {
    io.log.log(LEVEL.error, SITES.errorStatus, `Error status ${got.code}`)
    return 1
  }
  return 0
}

/** How many UTF-16 characters of s make up its first `bytes` UTF-8 bytes (headers are ASCII in practice). */
function charsFor(s: string, bytes: number): number {
  let n = 0
  let i = 0
  while (i < s.length && n < bytes) {
    const c = s.charCodeAt(i)
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : 3
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1
  }
  return i
}
