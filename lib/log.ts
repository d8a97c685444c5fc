// Structured logs (pino), JSON lines on stdout. LOG_LEVEL sets the level.
import pino from 'pino'

const KEY = Symbol.for('mesh-dojo.logger')
type WithLogger = typeof globalThis & { [KEY]?: pino.Logger }

function create(): pino.Logger {
  const level = process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info')
  return pino({
    level,
    base: { app: 'mesh-dojo' },
    redact: { paths: ['req.headers.cookie', 'password', '*.password'], censor: '[redacted]' },
  })
}

/** One logger per process, shared by server.ts and the Next.js bundle. */
export const logger: pino.Logger = ((globalThis as WithLogger)[KEY] ??= create())
