// Test harness for the terminal gateway: a real ws server on an ephemeral port and real clients that render what they get.
import headless from '@xterm/headless'
import type { AddressInfo } from 'node:net'
import WebSocket, { WebSocketServer } from 'ws'

const { Terminal } = headless

/** The gateway's frame limit (lib/server/websockets.ts MAX_WS_MESSAGE_BYTES). */
export const GATEWAY_MAX_PAYLOAD = 64 * 1024

export interface TestServer {
  url: string
  /** Server-side sockets, in connection order. */
  sockets: WebSocket[]
  close(): Promise<void>
}

/** A ws server that hands each new socket (and its URL path) to onConnection. */
export async function startServer(onConnection: (ws: WebSocket, path: string) => void): Promise<TestServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: GATEWAY_MAX_PAYLOAD })
  await new Promise<void>((resolve) => wss.once('listening', resolve))
  const sockets: WebSocket[] = []
  wss.on('connection', (ws, req) => {
    sockets.push(ws)
    onConnection(ws, req.url ?? '/')
  })
  const { port } = wss.address() as AddressInfo
  return {
    url: `ws://127.0.0.1:${port}`,
    sockets,
    close: () => new Promise((resolve) => {
      for (const ws of wss.clients) ws.terminate()
      wss.close(() => resolve())
    }),
  }
}

/** A client that renders the binary frames it gets into its own headless xterm, as a browser would. */
export class TestClient {
  readonly controls: Record<string, unknown>[] = []
  readonly term: InstanceType<typeof Terminal>
  text = ''
  closed: { code: number; reason: string } | null = null
  private readonly decoder = new TextDecoder()
  private parsed = Promise.resolve()

  private constructor(readonly ws: WebSocket, cols: number, rows: number) {
    this.term = new Terminal({ cols, rows, scrollback: 1000, allowProposedApi: true })
    ws.on('message', (data, isBinary) => {
      const buf = data as Buffer
      if (!isBinary) return void this.controls.push(JSON.parse(buf.toString('utf8')))
      this.text += this.decoder.decode(buf, { stream: true })
      const bytes = new Uint8Array(buf)
      this.parsed = this.parsed.then(() => new Promise<void>((resolve) => this.term.write(bytes, resolve)))
    })
    ws.on('close', (code, reason) => void (this.closed = { code, reason: reason.toString() }))
    ws.on('error', () => {})
  }

  static async connect(url: string, size = { cols: 80, rows: 24 }): Promise<TestClient> {
    const ws = new WebSocket(url)
    const client = new TestClient(ws, size.cols, size.rows)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return client
  }

  type(text: string): void {
    this.ws.send(Buffer.from(text, 'utf8'), { binary: true })
  }

  sendControl(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg))
  }

  /** The client's visible rows once everything received so far is rendered. */
  async screen(): Promise<string[]> {
    await this.parsed
    const buf = this.term.buffer.active
    const lines: string[] = []
    for (let y = 0; y < this.term.rows; y++) lines.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '')
    return lines
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return
    const closed = new Promise((resolve) => this.ws.once('close', resolve))
    this.ws.close()
    await closed
  }
}

/** Polls until check() is truthy (real sockets deliver on their own schedule). */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}
