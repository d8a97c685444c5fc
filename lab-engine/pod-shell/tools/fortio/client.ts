// One fortio client ("thread"): fortio's fast HTTP/1.1 client with its socket, stats and error logs.
//
// Follows fortio/fhttp/http_client.go (FastClient): a socket is opened on first use
// and kept only while responses are 2xx (or 418) with a Content-Length or chunked
// body and keep-alive on; any other status, a missing length or a network error
// closes it, so the next call connects again. Every connect attempt counts as a
// "socket used" and records its connect time; each new connection after the first
// re-resolves the host (round robin over the answers). A server that answered
// `connection: close` leaves a dead socket: the next write goes through, the read
// gets EOF and fortio reconnects ("Closing dead socket"). For a non-2xx status the
// client stops reading after the status line, so the header size is 0 and the
// total size is what one read returns (the whole small response).

import type { HttpRequest, HttpResult, LoadSender } from '../../curl/transport'
import { Histogram } from './histogram'
import { LEVEL, SITES, type FortioLog } from './log'

export interface ClientConfig {
  request: HttpRequest
  /** Addresses the URL's host resolves to (or the -resolve IP). */
  addresses: readonly string[]
  keepAlive: boolean
  logErrors: boolean
  /** Histogram scale for connect times: fortio's -offset (s) and -r resolution (s). */
  offset: number
  resolution: number
  thread: number
  /** Goroutine id shown in this thread's log lines. */
  goroutine: number
  log: FortioLog
}

export interface FetchResult {
  /** HTTP status, or -1 for a socket error (fortio's SocketError). */
  code: number
  /** Bytes read: headers plus body (fortio's "Body/Total" size). */
  size: number
  headerSize: number
  /** Raw response bytes as fortio's curl mode writes them. */
  data: string
  result: HttpResult
}

/** fortio's codeIsOK: 2xx, and 418 (I'm a teapot). */
export function codeIsOK(code: number): boolean {
  return (code >= 200 && code <= 299) || code === 418
}

/** IP addresses one thread remembers (a headless service with many pods stays bounded). */
const MAX_TRACKED_ADDRESSES = 64

export class FortioClient {
  /** Connect attempts: fortio's "socket used" count. */
  sockets = 0
  readonly connectStats: Histogram
  readonly ipUsage = new Map<string, number>()
  readonly retCodes = new Map<number, number>()
  readonly sizes = new Histogram(0, 100)
  readonly headerSizes = new Histogram(0, 5)
  private open = false
  private deadSocket = false

  constructor(private readonly cfg: ClientConfig) {
    this.connectStats = new Histogram(cfg.offset, cfg.resolution)
    this.recordAddress()
  }

  /** One call through the sender, with fortio's socket bookkeeping; the caller times it. Warmup calls are not counted. */
  async fetch(sender: LoadSender, counted = true): Promise<FetchResult> {
    if (this.open && this.deadSocket) {
      this.cfg.log.log(LEVEL.info, SITES.deadSocket, 'Closing dead socket (err at first read)', [['err', 'EOF'], ...this.ids()], this.cfg.goroutine)
      this.open = false
    }
    const reused = this.open
    if (!reused) {
      this.sockets++
      if (this.sockets > 1) this.recordAddress()
    }
    const result = await sender.send(this.cfg.request)
    if (!reused) this.connectStats.record(connectSeconds(result))
    const fetched = result.kind === 'error' ? this.failed(result) : this.answered(result)
    if (!counted) return fetched
    this.retCodes.set(fetched.code, (this.retCodes.get(fetched.code) ?? 0) + 1)
    this.sizes.record(fetched.size)
    this.headerSizes.record(fetched.headerSize)
    return fetched
  }

  private answered(r: Extract<HttpResult, { kind: 'response' }>): FetchResult {
    const head = `HTTP/1.1 ${r.status} ${r.statusText}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`
    const headerBytes = utf8Length(head)
    const size = headerBytes + utf8Length(r.body)
    const data = head + r.body
    if (!codeIsOK(r.status)) {
      if (this.cfg.logErrors) {
        this.cfg.log.log(LEVEL.warning, SITES.nonOk, 'Non ok http code', [['code', r.status], ['status', `HTTP/1.1 ${r.status}`], ...this.ids()], this.cfg.goroutine)
      }
      this.open = false
      return { code: r.status, size, headerSize: 0, data, result: r }
    }
    const header = (name: string) => r.headers.find(([k]) => k.toLowerCase() === name)?.[1]
    const framed = header('content-length') !== undefined || /chunked/i.test(header('transfer-encoding') ?? '')
    if (!framed && this.cfg.keepAlive) {
      this.cfg.log.log(LEVEL.warning, SITES.contentLength, 'Content-length missing', [['header_len', headerBytes], ...this.ids()], this.cfg.goroutine)
    }
    this.open = this.cfg.keepAlive && framed
    this.deadSocket = this.open && /close/i.test(header('connection') ?? '')
    return { code: r.status, size, headerSize: headerBytes, data, result: r }
  }

  private failed(r: Extract<HttpResult, { kind: 'error' }>): FetchResult {
    const dest = `${r.remoteIp ?? this.cfg.addresses[0] ?? this.cfg.request.host}:${this.cfg.request.port}`
    const connectPhase = r.curlExitCode === 7 || (r.curlExitCode === 28 && r.timings.connect === 0)
    if (connectPhase) {
      this.cfg.log.log(LEVEL.error, SITES.connectError, 'Unable to connect', [['dest', dest], ['err', dialError(dest, r.curlExitCode)], ...this.ids()], this.cfg.goroutine)
    } else {
      this.cfg.log.log(LEVEL.error, SITES.readError, 'Read error', [['err', readError(r.curlExitCode)], ['size', 0], ['dest', dest], ['url', urlOf(this.cfg.request)], ...this.ids()], this.cfg.goroutine)
    }
    this.open = false
    return { code: -1, size: 0, headerSize: 0, data: '', result: r }
  }

  private ids(): [string, number][] {
    return [['thread', this.cfg.thread], ['run', 0]]
  }

  private recordAddress(): void {
    const list = this.cfg.addresses
    const ip = list.length ? list[(Math.max(this.sockets, 1) - 1) % list.length]! : this.cfg.request.host
    const key = `${ip}:${this.cfg.request.port}`
    if (this.ipUsage.has(key) || this.ipUsage.size < MAX_TRACKED_ADDRESSES) this.ipUsage.set(key, (this.ipUsage.get(key) ?? 0) + 1)
  }
}

const SURROGATE = /[\ud800-\udfff]/

/** Seconds spent connecting, from the transport's curl-style timings. */
function connectSeconds(r: HttpResult): number {
  return Math.max(0, Math.round((r.timings.connect - r.timings.namelookup) * 1e9) / 1e9)
}

/** How Go's *net.OpError for a failed dial marshals to JSON in fortio's logs. */
function dialError(dest: string, exitCode: number): { json: string } {
  const [ip, port] = [dest.slice(0, dest.lastIndexOf(':')), Number(dest.slice(dest.lastIndexOf(':') + 1))]
  const inner = exitCode === 28 ? '{}' : '{"Syscall":"connect","Err":111}'
  return { json: `{"Op":"dial","Net":"tcp","Source":null,"Addr":{"IP":${JSON.stringify(ip)},"Port":${port},"Zone":""},"Err":${inner}}` }
}

function readError(exitCode: number): string {
  if (exitCode === 28) return 'i/o timeout'
  if (exitCode === 56) return 'read: connection reset by peer'
  return 'EOF'
}

function urlOf(req: HttpRequest): string {
  return `${req.scheme}://${req.headers.find(([k]) => k === 'Host')?.[1] ?? req.host}${req.path}`
}

export function utf8Length(s: string): number {
  // Without surrogates every code unit is one character and Node's native count agrees; the
  // loop below keeps fortio's count for strings that hold surrogates (paired or not).
  if (!SURROGATE.test(s)) return Buffer.byteLength(s, 'utf8')
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n++
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++ } else n += 3
  }
  return n
}
