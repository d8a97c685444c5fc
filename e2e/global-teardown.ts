// Stops the server global-setup started and removes its data directory.
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from './support/server-process'

export default async function globalTeardown() {
  const file = path.join(ROOT, 'e2e/.state/server.json')
  const { pid, dataDir } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; dataDir: string }
  try {
    process.kill(pid, 'SIGTERM')
  } catch {
    return
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0)
    } catch {
      break
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  rmSync(dataDir, { recursive: true, force: true })
}
