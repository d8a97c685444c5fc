// Operational endpoints served by server.ts itself: /healthz, /readyz, /metrics.
// They carry no user data; put /metrics behind the network or proxy you trust.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Database } from '@/lib/db/database'
import type { ServerMetrics } from './metrics'

export interface OpsState {
  db: Database
  metrics: ServerMetrics
  isShuttingDown: () => boolean
}

type OpsHandler = (req: IncomingMessage, res: ServerResponse, state: OpsState) => Promise<void>

const READY_TIMEOUT_MS = 2000

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

const healthz: OpsHandler = async (_req, res) => send(res, 200, { status: 'ok' })

const readyz: OpsHandler = async (_req, res, state) => {
  if (state.isShuttingDown()) return send(res, 503, { status: 'shutting_down' })
  try {
    await withTimeout(state.db.ping(), READY_TIMEOUT_MS)
    send(res, 200, { status: 'ready', database: state.db.kind })
  } catch (err) {
    send(res, 503, { status: 'unavailable', database: state.db.kind, error: (err as Error).message })
  }
}

const metrics: OpsHandler = async (_req, res, state) => {
  res.writeHead(200, { 'content-type': state.metrics.registry.contentType })
  res.end(await state.metrics.registry.metrics())
}

export const OPS_ROUTES: Record<string, OpsHandler> = { '/healthz': healthz, '/readyz': readyz, '/metrics': metrics }

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    p.then((v) => (clearTimeout(t), resolve(v)), (e) => (clearTimeout(t), reject(e)))
  })
}
