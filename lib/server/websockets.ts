// The WebSocket gateway for /ws/...: checks the Origin and the session on
// upgrade, routes to a channel handler, and closes every socket on shutdown.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Principal } from '@/lib/auth/authenticate'
import { isSameOrigin } from '@/lib/http/same-origin'
import type { ServerMetrics } from './metrics'

export const MAX_WS_MESSAGE_BYTES = 64 * 1024
export const WS_CLOSE_GOING_AWAY = 1001

export type ChannelHandler = (socket: WebSocket, principal: Principal, req: IncomingMessage) => void

export interface WsGatewayOptions {
  authenticate: (req: IncomingMessage) => Promise<Principal | null>
  channels: Record<string, ChannelHandler>
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
    const channel = Object.hasOwn(this.opts.channels, path) ? this.opts.channels[path] : undefined
    const outcome = await this.admit(req, channel).catch((err) => (this.opts.onError(err), 500))
    this.opts.metrics.wsConnections.inc({ path: channel ? path : 'unknown', outcome: outcome === 101 ? 'accepted' : String(outcome) })
    if (outcome !== 101) return refuse(socket, outcome)
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, path, req))
  }

  /** 101 to accept, else the HTTP status to refuse with. */
  private async admit(req: IncomingMessage, channel: ChannelHandler | undefined): Promise<number> {
    if (!channel) return 404
    const h = req.headers
    if (!isSameOrigin({ origin: h.origin ?? null, host: h.host ?? null, secFetchSite: null })) return 403
    const principal = await this.opts.authenticate(req)
    if (!principal) return 401
    ;(req as IncomingMessage & { principal?: Principal }).principal = principal
    return 101
  }

  private attach(ws: WebSocket, path: string, req: IncomingMessage) {
    const principal = (req as IncomingMessage & { principal?: Principal }).principal!
    this.sockets.add(ws)
    this.opts.metrics.wsOpen.inc({ path })
    ws.on('message', () => this.opts.metrics.wsMessages.inc({ path }))
    ws.on('close', () => {
      this.sockets.delete(ws)
      this.opts.metrics.wsOpen.dec({ path })
    })
    this.opts.channels[path](ws, principal, req)
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

const REASONS: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }

function refuse(socket: Duplex, status: number) {
  const reason = REASONS[status] ?? 'Error'
  const body = JSON.stringify({ error: { code: reason.toLowerCase().replace(/ /g, '_'), message: reason } })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
