// Starting and stopping a real Mesh Dojo server process for e2e tests.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '../..')

export interface ServerProcess {
  child: ChildProcess
  baseURL: string
  output: () => string
  admin: { email: string; password: string } | null
}

/** Refuses to point e2e tests at anything but a local database. */
export function assertLocalDatabase(env: NodeJS.ProcessEnv) {
  const url = env.DATABASE_URL
  if (!url) return
  const host = new URL(url).hostname
  if (!['localhost', '127.0.0.1', '::1'].includes(host)) {
    throw new Error(`e2e refuses to run against a non-local database (${host}); unset DATABASE_URL.`)
  }
}

export async function startServer(opts: { port: number; dataDir: string; env?: Record<string, string> }): Promise<ServerProcess> {
  assertLocalDatabase(process.env)
  let out = ''
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.mjs'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(opts.port), DATA_DIR: opts.dataDir, LOG_LEVEL: 'warn', NEXT_TELEMETRY_DISABLED: '1', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const baseURL = `http://localhost:${opts.port}`
  await waitForReady(baseURL, child, () => out)
  const email = /admin email:\s+(\S+)/.exec(out)?.[1]
  const password = /admin password:\s+(\S+)/.exec(out)?.[1]
  return { child, baseURL, output: () => out, admin: email && password ? { email, password } : null }
}

async function waitForReady(baseURL: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output()}`)
    const ok = await fetch(`${baseURL}/readyz`).then((r) => r.ok, () => false)
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`server not ready within 60 s:\n${output()}`)
}

/** SIGTERM and wait; resolves with the exit code and how long it took. */
export function stopServer(server: ServerProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; ms: number }> {
  const started = Date.now()
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve({ code: server.child.exitCode, ms: 0 })
    server.child.once('exit', (code) => resolve({ code, ms: Date.now() - started }))
    server.child.kill(signal)
  })
}
