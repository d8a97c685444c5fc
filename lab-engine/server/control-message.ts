// Terminal control frames: the JSON text messages beside the binary data (protocol in terminal-socket.ts).
import { z } from 'zod'

export const MIN_COLS = 2
export const MAX_COLS = 500
export const MIN_ROWS = 1
export const MAX_ROWS = 200

const size = z.number().finite()

const ClientControl = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resize'), cols: size, rows: size }),
  z.object({ type: z.literal('ping'), t: z.number().finite() }),
  z.object({ type: z.literal('restart') }),
])

export type ClientControl = z.infer<typeof ClientControl>

export type ServerControl =
  | { type: 'pong'; t: number }
  | { type: 'exit'; code: number }
  | { type: 'redraw' }
  | { type: 'notice'; level: NoticeLevel; message: string }

export type NoticeLevel = 'info' | 'warning'

/** A client's control frame, or null when it is not one we know (bad JSON, unknown type, non-numeric sizes). */
export function parseClientControl(text: string): ClientControl | null {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return null
  }
  const parsed = ClientControl.safeParse(json)
  return parsed.success ? parsed.data : null
}

/** A requested size inside what the gateway serves (xterm.js sizes are whole cells). */
export function clampSize(cols: number, rows: number): { cols: number; rows: number } {
  return {
    cols: Math.min(MAX_COLS, Math.max(MIN_COLS, Math.round(cols))),
    rows: Math.min(MAX_ROWS, Math.max(MIN_ROWS, Math.round(rows))),
  }
}
