// The one Node process: opens the database, serves Next.js and the /ws/...
// channels, exposes ops endpoints, and shuts down gracefully.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import { ensureInitialAdmin, newInitialCredentials } from '@/lib/auth/accounts'
import { authenticate } from '@/lib/auth/authenticate'
import { openDatabase, type Database, type DatabaseConfig } from '@/lib/db/database'
import { setDatabase } from '@/lib/db/global'
import { resolveClientIp } from '@/lib/http/client-ip'
import { CLIENT_IP_HEADER, REQUEST_PATH_HEADER } from '@/lib/http/internal-headers'
import { createLabEngine } from '@/lib/lab-sessions/create-lab-sessions'
import { labSessionChannels } from '@/lib/lab-sessions/channels'
import { setLabEngine } from '@/lib/lab-sessions/engine'
import { logger } from '@/lib/log'
import type { ServerConfig } from './config'
import { createMetrics, routeLabel, type ServerMetrics } from './metrics'
import { OPS_ROUTES } from './ops-routes'
import { pingChannel } from './ping-channel'
import { claimDataDir } from './pid-file'
import { WsGateway } from './websockets'

type NextHandlers = {
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>
  upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>
}

export interface StartOptions {
  config: ServerConfig
  database: DatabaseConfig
  /** Loads Next.js; tests of the raw server pass null to serve only ops and /ws. */
  loadNext: ((config: ServerConfig) => Promise<NextHandlers>) | null
  onFirstAdmin?: (admin: { email: string; password: string }) => void
  /** Where content/ lives (default: the working directory). */
  repoRoot?: string
}

export interface RunningServer {
  url: string
  server: Server
  db: Database
  shutdown(reason: string): Promise<void>
}

/** PGlite on disk allows one process; claim its directory so `npm run admin` cannot open it too. */
function claimEmbeddedData(database: DatabaseConfig): () => void {
  const dir = database.dataDir
  if (database.url || !dir || dir.startsWith('memory://')) return () => {}
  return claimDataDir(path.dirname(dir))
}

export async function startServer(opts: StartOptions): Promise<RunningServer> {
  const releaseData = claimEmbeddedData(opts.database)
  const t0 = performance.now()
  const credentials = newInitialCredentials() // hashed in parallel, used only on a first start
  const timed = <T>(p: Promise<T>) => p.then((v) => [v, Math.round(performance.now() - t0)] as const)
  const [[db, dbMs], [next, nextMs]] = await Promise.all([
    timed(openDatabase(opts.database)),
    timed(opts.loadNext?.(opts.config) ?? Promise.resolve(null)),
  ])
  setDatabase(db)
  const admin = await ensureInitialAdmin(db.prisma, opts.config.adminEmail, credentials)
  logger.info({ dbMs, nextMs, adminMs: Math.round(performance.now() - t0), sinceProcessStartMs: Math.round(performance.now()) }, 'startup timings')
  if (admin) opts.onFirstAdmin?.(admin)
  const metrics = createMetrics()
  let shuttingDown = false
  const labEngine = await createLabEngine({ prisma: db.prisma, repoRoot: opts.repoRoot ?? process.cwd() })
  const labSessions = labEngine.sessions
  setLabEngine(labEngine)
  const gateway = new WsGateway({
    authenticate,
    channels: { '/ws/ping': pingChannel, ...labSessionChannels(labSessions) },
    metrics,
    onError: (err) => logger.error({ err }, 'websocket upgrade failed'),
  })
  const state = { db, metrics, isShuttingDown: () => shuttingDown }
  const server = createServer((req, res) => {
    void handleRequest(req, res, { ...state, next, config: opts.config })
  })
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (gateway.handles(path)) void gateway.upgrade(req, socket, head)
    else if (next) void next.upgrade(req, socket, head)
    else socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(opts.config.port, opts.config.host, resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : opts.config.port
  const url = `http://localhost:${port}`

  async function shutdown(reason: string) {
    if (shuttingDown) return
    shuttingDown = true
    logger.info({ reason }, 'shutting down')
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    gateway.closeAll()
    server.closeIdleConnections()
    const grace = setTimeout(() => server.closeAllConnections(), opts.config.shutdownTimeoutMs / 2)
    await closed
    clearTimeout(grace)
    gateway.dispose()
    // Every live lab session is saved before the database closes, so learners re-attach to the same state.
    await labSessions.shutdown()
    setLabEngine(null)
    await db.close()
    releaseData()
    logger.info('stopped')
  }
  return { url, server, db, shutdown }
}

interface RequestState {
  db: Database
  metrics: ServerMetrics
  isShuttingDown: () => boolean
  next: NextHandlers | null
  config: ServerConfig
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, state: RequestState) {
  const started = process.hrtime.bigint()
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname
  req.headers[CLIENT_IP_HEADER] = resolveClientIp(req.socket.remoteAddress, req.headers['x-forwarded-for'], state.config.trustProxy)
  req.headers[REQUEST_PATH_HEADER] = (req.url ?? '/').slice(0, 2048)
  if (state.isShuttingDown()) res.setHeader('connection', 'close')
  res.on('finish', () => recordRequest(req, res, pathname, started, state.metrics))
  try {
    const ops = OPS_ROUTES[pathname]
    if (ops) return await ops(req, res, state)
    if (state.next) return await state.next.handle(req, res)
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"not_found","message":"Not found."}}')
  } catch (err) {
    logger.error({ err, url: req.url }, 'request failed')
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
    res.end('{"error":{"code":"internal","message":"Something went wrong on our side."}}')
  }
}

function recordRequest(req: IncomingMessage, res: ServerResponse, pathname: string, started: bigint, metrics: ServerMetrics) {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  // Unmatched paths share one label, so scanning random URLs cannot blow up the series count.
  const route = res.statusCode === 404 ? '(unmatched)' : routeLabel(pathname)
  const method = req.method ?? 'GET'
  metrics.httpRequests.inc({ method, route, status: String(res.statusCode) })
  metrics.httpDuration.observe({ method, route }, seconds)
  if (route !== '/_next/*') logger.info({ method, path: pathname, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request')
}
