// A real WebSocket client for lab session terminals in tests: keeps the raw output, renders it in a headless xterm, waits for text.
import xterm from '@xterm/headless'
import WebSocket from 'ws'

export interface Control {
  type: string
  [k: string]: unknown
}

export class TerminalClient {
  raw = ''
  readonly controls: Control[] = []
  closed: { code: number; reason: string } | null = null
  private readonly screen = new xterm.Terminal({ cols: 80, rows: 24, allowProposedApi: true })

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const text = data.toString()
      if (isBinary) {
        this.raw += text
        this.screen.write(text)
      } else this.controls.push(JSON.parse(text) as Control)
    })
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }))
  }

  /** Opens the socket; resolves once open, or rejects with the HTTP status that refused it. */
  static open(url: string, headers: Record<string, string>): Promise<TerminalClient> {
    const ws = new WebSocket(url, { headers })
    return new Promise((resolve, reject) => {
      ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
      ws.on('error', reject)
      ws.on('open', () => resolve(new TerminalClient(ws)))
    })
  }

  type(text: string): void {
    this.ws.send(Buffer.from(text, 'utf8'), { binary: true })
  }

  control(msg: object | string): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg))
  }

  /** The visible screen as text lines, trailing blanks trimmed (what the learner sees). */
  async visible(): Promise<string[]> {
    await new Promise<void>((r) => this.screen.write('', r))
    const buf = this.screen.buffer.active
    const lines: string[] = []
    for (let i = 0; i < this.screen.rows; i++) lines.push(buf.getLine(buf.viewportY + i)?.translateToString(true) ?? '')
    while (lines.length && lines.at(-1) === '') lines.pop()
    return lines
  }

  async waitFor(pattern: string | RegExp, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    const test = () => (typeof pattern === 'string' ? this.raw.includes(pattern) : pattern.test(this.raw))
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(pattern)}; got ${JSON.stringify(this.raw.slice(-400))}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve()
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve())
      this.ws.close()
    })
  }
}
