// Terminal recordings in asciicast v2 (docs.asciinema.org/manual/asciicast/v2/): a header line, then event lines.
//
// Events are `[time, code, data]` with time in seconds (float) since the
// header's timestamp: "o" output, "i" input, "r" resize ("COLSxROWS") and "m"
// marker. Recordings are size-capped: the event that would pass the cap is
// replaced by one "m" marker ("recording truncated ...") and nothing more is
// recorded; `truncated` says so. The marker's room is reserved under the cap.
import { z } from 'zod'

/** 8 MiB: hours of typing, or a few floods of `kubectl get pods -w`. */
export const DEFAULT_RECORDING_MAX_BYTES = 8 * 1024 * 1024
/** Room kept under maxBytes for the final marker event. */
const MARKER_RESERVE_BYTES = 128

export type AsciicastCode = 'o' | 'i' | 'r' | 'm'

const Header = z.object({
  version: z.literal(2),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  timestamp: z.number().int().nonnegative().optional(),
  duration: z.number().nonnegative().optional(),
  title: z.string().optional(),
  env: z.record(z.string(), z.string()).optional(),
})

const Event = z.tuple([z.number().finite().nonnegative(), z.enum(['o', 'i', 'r', 'm']), z.string()])
  .refine(([, code, data]) => code !== 'r' || /^\d+x\d+$/.test(data), { message: 'a resize event\'s data is COLSxROWS' })

export type AsciicastHeader = z.infer<typeof Header>

export interface AsciicastEvent {
  /** Seconds since the recording started. */
  readonly time: number
  readonly code: AsciicastCode
  readonly data: string
}

export interface AsciicastRecorderOptions {
  width: number
  height: number
  /** Wall clock at the start, epoch ms (the header's timestamp, in seconds). */
  startedAtMs: number
  now: () => number
  maxBytes?: number
  title?: string
  env?: Record<string, string>
}

export class AsciicastRecorder {
  private readonly headerLine: string
  private readonly maxBytes: number
  private lines: string[] = []
  private bytes: number
  private lastMs = 0
  private closed = false
  private size: { cols: number; rows: number }
  truncated = false

  constructor(private readonly opts: AsciicastRecorderOptions) {
    const header: AsciicastHeader = {
      version: 2, width: opts.width, height: opts.height, timestamp: Math.floor(opts.startedAtMs / 1000),
      ...(opts.title !== undefined ? { title: opts.title } : {}),
      ...(opts.env ? { env: opts.env } : {}),
    }
    this.headerLine = JSON.stringify(header)
    this.size = { cols: opts.width, rows: opts.height }
    this.maxBytes = opts.maxBytes ?? DEFAULT_RECORDING_MAX_BYTES
    this.bytes = utf8Length(this.headerLine) + 1
  }

  output(data: string): void {
    if (data) this.record('o', data)
  }

  input(data: string): void {
    if (data) this.record('i', data)
  }

  /** A size change; the size the recording already has is not recorded again. */
  resize(cols: number, rows: number): void {
    if (cols === this.size.cols && rows === this.size.rows) return
    this.size = { cols, rows }
    this.record('r', `${cols}x${rows}`)
  }

  /** A named point (asciinema shows markers as chapters). */
  marker(label: string): void {
    this.record('m', label)
  }

  /** The header line (no newline); what a stored recording starts with. */
  header(): string {
    return this.headerLine
  }

  /** Event lines recorded since the last take, each ending in a newline; null when there are none. */
  takeChunk(): string | null {
    if (this.lines.length === 0) return null
    const chunk = this.lines.join('')
    this.lines = []
    return chunk
  }

  /** Time of the last recorded event, ms since the start. */
  get durationMs(): number {
    return this.lastMs
  }

  /** The whole recording's size in bytes so far: header and every event line, taken or not. */
  get sizeBytes(): number {
    return this.bytes
  }

  /** Stops recording (the terminal is gone); chunks not yet taken can still be taken. */
  close(): void {
    this.closed = true
  }

  private record(code: AsciicastCode, data: string): void {
    if (this.closed || this.truncated) return
    const ms = Math.max(this.lastMs, this.opts.now() - this.opts.startedAtMs)
    const line = eventLine(ms, code, data)
    const size = utf8Length(line)
    if (this.bytes + size > this.maxBytes - MARKER_RESERVE_BYTES) return this.truncate(ms)
    this.push(ms, line, size)
  }

  private truncate(ms: number): void {
    this.truncated = true
    const line = eventLine(ms, 'm', `recording truncated at ${this.maxBytes} bytes`)
    this.push(ms, line, utf8Length(line))
  }

  private push(ms: number, line: string, size: number): void {
    this.lastMs = ms
    this.lines.push(line)
    this.bytes += size
  }
}

/** One event line; times are kept to the microsecond as asciinema writes them. */
function eventLine(ms: number, code: AsciicastCode, data: string): string {
  return `[${Math.round(ms * 1000) / 1e6}, ${JSON.stringify(code)}, ${JSON.stringify(data)}]\n`
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}

export class AsciicastError extends Error {
  override name = 'AsciicastError'
}

/** Reads a recording (header line, event lines); throws AsciicastError naming the first bad line. */
export function parseAsciicast(text: string): { header: AsciicastHeader; events: AsciicastEvent[] } {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  if (lines.length === 0) throw new AsciicastError('empty recording: no header line')
  const header = parseLine(lines[0]!, 1, Header)
  const events: AsciicastEvent[] = []
  let last = 0
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue
    const [time, code, data] = parseLine(lines[i]!, i + 1, Event)
    if (time < last) throw new AsciicastError(`line ${i + 1}: time ${time} goes back before ${last}`)
    last = time
    events.push({ time, code, data })
  }
  return { header, events }
}

function parseLine<T>(line: string, n: number, schema: z.ZodType<T>): T {
  let json: unknown
  try {
    json = JSON.parse(line)
  } catch {
    throw new AsciicastError(`line ${n}: not JSON`)
  }
  const r = schema.safeParse(json)
  if (!r.success) throw new AsciicastError(`line ${n}: ${r.error.issues[0]?.message ?? 'invalid'}`)
  return r.data
}
