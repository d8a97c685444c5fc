// The process-wide lab session manager: server.ts creates it; Next.js route handlers (a separate bundle) reach it via globalThis.
import type { LabSessionManager } from '@/lab-engine/sessions/session-manager'

const KEY = Symbol.for('mesh-dojo.lab-sessions')
type Holder = typeof globalThis & { [KEY]?: LabSessionManager }

export function setLabSessions(manager: LabSessionManager | null): void {
  const holder = globalThis as Holder
  if (manager) holder[KEY] = manager
  else delete holder[KEY]
}

export function getLabSessions(): LabSessionManager {
  const manager = (globalThis as Holder)[KEY]
  if (!manager) throw new Error('The lab session manager is not running: server.ts starts it.')
  return manager
}
