// The WebSocket gateway for /ws/...: checks the Origin and the session on
// upgrade, routes to a channel handler, and closes every socket on shutdown.
// Routes are exact paths or end in one `:name` segment (`/ws/terminal/:id`);
// a channel may refuse after authentication (foreign or unknown ids) with an
// HTTP status before the upgrade completes.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Principal } from '@/lib/auth/authenticate'
import { isSameOrigin } from '@/lib/http/same-origin'
import type { ServerMetrics } from './metrics'

export const MAX_WS_MESSAGE_BYTES = 64 * 1024
export const WS_CLOSE_GOING_AWAY = 1001

export type ChannelParams = Record<string, string>

export type ChannelHandler = (socket: WebSocket, principal: Principal, req: IncomingMessage, params: ChannelParams) => void

/** A channel that decides, after authentication, whether this principal may open it (101), or which status refuses it. */
export interface GuardedChannel {
  admit(principal: Principal, params: ChannelParams): Promise<number>
  handle: ChannelHandler
}

type Route = ChannelHandler | GuardedChannel
type Matched = { route: Route; key: string; params: ChannelParams }

export interface WsGatewayOptions {
  authenticate: (req: IncomingMessage) => Promise<Principal | null>
  channels: Record<string, Route>
  metrics: ServerMetrics
  onError: (err: unknown) => void
}

export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES })
  private readonly sockets = new Set<WebSocket>()

  constructor(private readonly opts: WsGatewayOptions) {}

  handles(pathname: string): boolean {
    return pathname === '/ws' || pathname.startsWith('/ws/')
  }

  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const matched = this.match(path)
    const outcome = await this.admit(req, matched).catch((err) => (this.opts.onError(err), 500))
    this.opts.metrics.wsConnections.inc({ path: matched?.key ?? 'unknown', outcome: outcome === 101 ? 'accepted' : String(outcome) })
    if (outcome !== 101) return refuse(socket, outcome)
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, matched!, req))
  }

  /** The route for a path: an exact key, or a `/prefix/:name` key whose last segment is one URL segment. */
  private match(path: string): Matched | undefined {
    if (Object.hasOwn(this.opts.channels, path)) return { route: this.opts.channels[path]!, key: path, params: {} }
    const slash = path.lastIndexOf('/')
    const segment = path.slice(slash + 1)
    if (!segment) return undefined
    for (const key of Object.keys(this.opts.channels)) {
      const param = /\/:([a-z]+)$/i.exec(key)
      if (param && key.slice(0, key.length - param[0].length) === path.slice(0, slash)) {
        return { route: this.opts.channels[key]!, key, params: { [param[1]!]: decodeURIComponent(segment) } }
      }
    }
    return undefined
  }

  /** 101 to accept, else the HTTP status to refuse with. */
  private async admit(req: IncomingMessage, matched: Matched | undefined): Promise<number> {
    if (!matched) return 404
    const h = req.headers
    if (!isSameOrigin({ origin: h.origin ?? null, host: h.host ?? null, secFetchSite: null })) return 403
    const principal = await this.opts.authenticate(req)
    if (!principal) return 401
    ;(req as IncomingMessage & { principal?: Principal }).principal = principal
    return typeof matched.route === 'function' ? 101 : matched.route.admit(principal, matched.params)
  }

  private attach(ws: WebSocket, matched: Matched, req: IncomingMessage) {
    const principal = (req as IncomingMessage & { principal?: Principal }).principal!
    const path = matched.key
    this.sockets.add(ws)
    this.opts.metrics.wsOpen.inc({ path })
    ws.on('message', () => this.opts.metrics.wsMessages.inc({ path }))
    // ws emits 'error' (e.g. an oversized frame, closed with 1009) before a channel may have attached its own listener; unhandled, it would throw.
    ws.on('error', () => this.opts.metrics.wsErrors.inc({ path }))
    ws.on('close', () => {
      this.sockets.delete(ws)
      this.opts.metrics.wsOpen.dec({ path })
    })
    const handle = typeof matched.route === 'function' ? matched.route : matched.route.handle
    handle(ws, principal, req, matched.params)
  }

  get openCount(): number {
    return this.sockets.size
  }

  closeAll(code = WS_CLOSE_GOING_AWAY, reason = 'server shutting down'): void {
    for (const ws of this.sockets) ws.close(code, reason)
  }

  dispose(): void {
    for (const ws of this.sockets) ws.terminate()
    this.wss.close()
  }
}

const REASONS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error', 503: 'Service Unavailable' }

function refuse(socket: Duplex, status: number) {
  const reason = REASONS[status] ?? 'Error'
  const body = JSON.stringify({ error: { code: reason.toLowerCase().replace(/ /g, '_'), message: reason } })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
