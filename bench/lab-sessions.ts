// Lab session figures (issue 5 targets): session start to first prompt over the real stack (API logic, database,
// sim driver, WebSocket; target p95 < 300 ms), and 500 concurrent idle sim sessions with open sockets on this
// machine (memory per session, CPU while idle). Bundled and run by bench/run.ts.
import { createSession } from '../lib/auth/sessions'
import { SESSION_COOKIE } from '../lib/auth/cookies'
import { getLabSessions } from '../lib/lab-sessions/engine'
import { startServer } from '../lib/server/start-server'
import WebSocket from 'ws'

const ROOT = process.argv[2] ?? process.cwd()
const TARGET_P95_MS = 300
const IDLE_SESSIONS = 500

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))]!
}

function openTerminal(url: string, cookie: string): Promise<{ ws: WebSocket; prompt: Promise<void> }> {
  const ws = new WebSocket(url, { headers: { cookie, origin: url.replace(/^ws/, 'http').replace(/\/ws\/.*/, '') } })
  const prompt = new Promise<void>((resolve) => {
    let seen = ''
    ws.on('message', (data, binary) => {
      if (!binary) return
      seen += data.toString()
      if (seen.includes('$ ')) resolve()
    })
  })
  return new Promise((resolve, reject) => {
    ws.on('open', () => resolve({ ws, prompt }))
    ws.on('error', reject)
    ws.on('unexpected-response', (_q, r) => reject(new Error(`HTTP ${r.statusCode}`)))
  })
}

async function main() {
  process.env.LAB_SESSION_CAPACITY = String(IDLE_SESSIONS + 100)
  process.env.LAB_SESSIONS_PER_USER = String(IDLE_SESSIONS + 100)
  process.env.LOG_LEVEL ??= 'silent'
  const server = await startServer({ config: { port: 0, host: '127.0.0.1', dev: false, trustProxy: false, shutdownTimeoutMs: 30_000 }, database: { dataDir: 'memory://' }, loadNext: null, repoRoot: ROOT })
  const prisma = server.db.prisma
  const manager = getLabSessions()
  const wsBase = server.url.replace('http', 'ws')
  // Each session belongs to its own learner (the per-user limit is about learners, not this bench).
  const learner = async (i: number) => {
    const user = await prisma.user.create({ data: { email: `bench-${i}@example.test`, name: `bench ${i}`, passwordHash: 'x' } })
    const { token } = await createSession(prisma, user.id, {})
    return { id: user.id, cookie: `${SESSION_COOKIE}=${token}` }
  }

  const startToPrompt: number[] = []
  const sockets: WebSocket[] = []
  for (let i = 0; i < 60; i++) {
    const who = await learner(i)
    const t = performance.now()
    const outcome = await manager.start(who.id, 'playground')
    if (outcome.kind === 'queued') throw new Error('queued in the bench')
    const { ws, prompt } = await openTerminal(`${wsBase}/ws/terminal/${outcome.session.id}`, who.cookie)
    await prompt
    if (i >= 10) startToPrompt.push(performance.now() - t)
    sockets.push(ws)
  }
  const p95 = pct(startToPrompt, 0.95)
  console.log(`lab session start to first prompt (sim)     p50 ${pct(startToPrompt, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${startToPrompt.length}   target p95 < ${TARGET_P95_MS} ms ${p95 < TARGET_P95_MS ? 'MET' : 'MISSED'}`)

  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const before = process.memoryUsage()
  for (let i = sockets.length; i < IDLE_SESSIONS; i++) {
    const who = await learner(i)
    const outcome = await manager.start(who.id, 'playground')
    if (outcome.kind === 'queued') throw new Error('queued in the bench')
    const { ws, prompt } = await openTerminal(`${wsBase}/ws/terminal/${outcome.session.id}`, who.cookie)
    await prompt
    sockets.push(ws)
  }
  await new Promise((r) => setTimeout(r, 3_000)) // debounced snapshots land
  gc?.()
  const after = process.memoryUsage()
  const added = IDLE_SESSIONS - 60
  const perSessionMb = (after.heapUsed + after.external - before.heapUsed - before.external) / added / 1024 / 1024
  const cpu0 = process.cpuUsage()
  const wall0 = performance.now()
  await new Promise((r) => setTimeout(r, 10_000))
  const cpu = process.cpuUsage(cpu0)
  const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0)
  console.log(`${IDLE_SESSIONS} idle sim sessions with open sockets      ${perSessionMb.toFixed(2)} MB heap+external per session (rss +${((after.rss - before.rss) / added / 1024 / 1024).toFixed(2)} MB per session, ${(after.rss / 1024 / 1024).toFixed(0)} MB total), idle CPU ${(cpuShare * 100).toFixed(1)}% of one core`)
  for (const ws of sockets) ws.terminate()
  await server.shutdown('bench done')
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err)
    process.exit(1)
  },
)
