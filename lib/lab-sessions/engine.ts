// The process-wide lab engine (sessions and graded attempts): server.ts creates it; Next.js route handlers (a separate bundle) reach it via globalThis.
import type { LabAttempts } from '@/lab-engine/sessions/lab-attempts'
import type { LabSessionManager } from '@/lab-engine/sessions/session-manager'

export interface LabEngine {
  sessions: LabSessionManager
  attempts: LabAttempts
}

const KEY = Symbol.for('mesh-dojo.lab-engine')
type Holder = typeof globalThis & { [KEY]?: LabEngine }

export function setLabEngine(engine: LabEngine | null): void {
  const holder = globalThis as Holder
  if (engine) holder[KEY] = engine
  else delete holder[KEY]
}

function engine(): LabEngine {
  const found = (globalThis as Holder)[KEY]
  if (!found) throw new Error('The lab engine is not running: server.ts starts it.')
  return found
}

export function getLabSessions(): LabSessionManager {
  return engine().sessions
}

export function getLabAttempts(): LabAttempts {
  return engine().attempts
}
