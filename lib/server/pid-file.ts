// A pid file beside the embedded database: PGlite must never be opened by two
// processes at once, so the admin CLI refuses while the server holds it.
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'

export function pidFilePath(dataDir: string): string {
  return path.join(dataDir, 'server.pid')
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid of another live process holding the data directory, or null. */
export function holderOf(dataDir: string): number | null {
  const file = pidFilePath(dataDir)
  if (!existsSync(file)) return null
  const pid = Number(readFileSync(file, 'utf8').trim())
  return Number.isInteger(pid) && pid !== process.pid && alive(pid) ? pid : null
}

export function claimDataDir(dataDir: string): () => void {
  const holder = holderOf(dataDir)
  if (holder) throw new Error(`Another Mesh Dojo process (pid ${holder}) is using ${dataDir}; stop it first.`)
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(pidFilePath(dataDir), String(process.pid))
  return () => rmSync(pidFilePath(dataDir), { force: true })
}
