// Cold start: spawn the production server on a fresh embedded database (PGlite)
// and time until /readyz answers 200. Also a warm start on the same data.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')

async function timeToReady(dataDir: string, port: number): Promise<number> {
  const started = performance.now()
  const child = spawn(process.execPath, ['dist/server.mjs'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'error', DATABASE_URL: '' },
    stdio: 'ignore',
  })
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200, () => false)
      if (ok) return performance.now() - started
      if (performance.now() - started > 60_000) throw new Error('not ready within 60 s')
      await new Promise((r) => setTimeout(r, 20))
    }
  } finally {
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  }
}

export async function coldStartBench(runs = 3) {
  const cold: number[] = []
  const warm: number[] = []
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mesh-dojo-bench-'))
    const port = 34000 + i
    try {
      cold.push(await timeToReady(dataDir, port))
      warm.push(await timeToReady(dataDir, port))
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  return { cold, warm }
}
