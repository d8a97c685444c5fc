// Terminal gateway figures (issue 5 targets): keystroke-to-echo round trip over a real WebSocket
// (p50/p99 over 1,000 keystrokes, target p99 < 15 ms) and output throughput of a 5 MB stream
// through TerminalHub and a socket (MB/s). A real ws server on an ephemeral port and a real ws
// client in this process; the hub drives the sim driver's terminal (line editor and all) for the
// echo figure, and a stream that emits kubectl-like lines as fast as it can for the throughput one.
//   npx tsx bench/terminal.ts                  (or bundled by bench/run.ts as `terminal`)
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import WebSocket, { WebSocketServer } from 'ws'
import type { TerminalStream } from '../lab-engine/drivers/cluster-driver'
import { SimDriver } from '../lab-engine/drivers/sim'
import { TerminalHub } from '../lab-engine/server/terminal-hub'

const KEYSTROKES = 1_000
const TARGET_ECHO_P99_MS = 15
const STREAM_BYTES = 5 * 1024 * 1024
const STREAM_RUNS = 3
const END_MARK = 'END-OF-BENCH-STREAM'

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!
}

function median(xs: number[]): number {
  return percentile(xs, 50)
}

function line(name: string, value: string, extra: string, target?: { text: string; met: boolean }): void {
  console.log(`${name.padEnd(44)} ${value.padEnd(11)}${extra}${target ? ` target ${target.text} ${target.met ? 'MET' : 'MISSED'}` : ''}`)
}

/** A hub behind a ws server (the gateway's 64 KiB frame limit) and one connected client that collects text. */
async function rig(open: (size: { cols: number; rows: number }) => TerminalStream) {
  const hub = new TerminalHub({ open, now: () => performance.timeOrigin + performance.now() })
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 64 * 1024 })
  await new Promise<void>((resolve) => wss.once('listening', resolve))
  wss.on('connection', (ws) => hub.attach(ws, { readOnly: false }))
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
  const listeners = new Set<(text: string, bytes: number) => void>()
  const decoder = new TextDecoder()
  ws.on('message', (data, isBinary) => {
    if (!isBinary) return
    const buf = data as Buffer
    const text = decoder.decode(buf, { stream: true })
    for (const l of listeners) l(text, buf.length)
  })
  await new Promise((resolve) => ws.once('open', resolve))
  /** Resolves when the text received from now on satisfies done(). */
  const until = (done: (received: string, bytes: number) => boolean) => new Promise<void>((resolve) => {
    let received = ''
    let bytes = 0
    const l = (text: string, n: number) => {
      received += text
      bytes += n
      if (done(received, bytes)) {
        listeners.delete(l)
        resolve()
      }
    }
    listeners.add(l)
  })
  const close = async () => {
    ws.close()
    hub.dispose()
    await new Promise((resolve) => wss.close(resolve))
  }
  return { hub, ws, until, close }
}

/** Keystroke to echo: one printable key at a time, each waiting for its echo; the line is cleared every 50 keys. */
async function keystrokeEcho(): Promise<number[]> {
  const driver = new SimDriver()
  await driver.start({})
  const r = await rig((size) => driver.openTerminal(size))
  const prompt = r.until((t) => t.includes('$ '))
  await prompt
  const times: number[] = []
  for (let i = 0; i < KEYSTROKES + 100; i++) {
    if (i % 50 === 0) {
      const cleared = r.until((t) => t.includes('$ '))
      r.ws.send(Buffer.from('\x15'), { binary: true }) // Ctrl-U: an empty line again
      await cleared
    }
    const key = String.fromCharCode(97 + (i % 26))
    const echoed = r.until((t) => t.includes(key))
    const t0 = performance.now()
    r.ws.send(Buffer.from(key), { binary: true })
    await echoed
    if (i >= 100) times.push(performance.now() - t0) // the first 100 warm up the JIT
  }
  await r.close()
  await driver.stop()
  return times
}

/** kubectl-like lines (with colour) totalling `bytes`, then the end mark. */
function streamChunks(bytes: number): string[] {
  const chunks: string[] = []
  let total = 0
  for (let i = 0; total < bytes; i++) {
    let chunk = ''
    for (let j = 0; j < 200; j++) chunk += `reviews-v${(i + j) % 3 + 1}-7d4c9b8f6-x${(i * 200 + j).toString(36).padStart(5, '0')}   2/2     \x1b[32mRunning\x1b[0m   0          ${j % 60}m\r\n`
    chunks.push(chunk)
    total += chunk.length
  }
  chunks.push(`${END_MARK}\r\n`)
  return chunks
}

/** A terminal that, on its first keystroke, emits the chunks as fast as its listener takes them (like `cat bigfile`). */
function streamingTerminal(chunks: string[]): TerminalStream {
  const listeners = new Set<(data: string) => void>()
  return {
    write: () => {
      for (const c of chunks) for (const l of listeners) l(c)
    },
    resize: () => {},
    redraw: () => {},
    onData: (l) => (listeners.add(l), { dispose: () => void listeners.delete(l) }),
    onExit: () => ({ dispose: () => {} }),
    dispose: () => listeners.clear(),
  }
}

/** Seconds until the client has the whole stream (live, or through a redraw if it fell behind), and the bytes it got. */
async function throughput(chunks: string[]): Promise<{ ms: number; cpuMs: number; bytes: number; staleRedraws: number }> {
  const r = await rig(() => streamingTerminal(chunks))
  await new Promise((resolve) => setTimeout(resolve, 20)) // the attach's redraw
  let bytes = 0
  const done = r.until((t, n) => ((bytes = n), t.includes(END_MARK)))
  const t0 = performance.now()
  const c = process.cpuUsage()
  r.ws.send(Buffer.from('go'), { binary: true })
  await done
  const used = process.cpuUsage(c)
  const result = { ms: performance.now() - t0, cpuMs: (used.user + used.system) / 1000, bytes, staleRedraws: r.hub.stats.staleRedraws }
  await r.close()
  return result
}

export async function terminalBench(): Promise<void> {
  const echo = await keystrokeEcho()
  const p99 = percentile(echo, 99)
  line(`keystroke to echo over a socket (${KEYSTROKES} keys)`, `p99 ${p99.toFixed(2)} ms`, ` (p50 ${median(echo).toFixed(2)} ms, max ${Math.max(...echo).toFixed(2)} ms)`, { text: `< ${TARGET_ECHO_P99_MS} ms`, met: p99 < TARGET_ECHO_P99_MS })

  const chunks = streamChunks(STREAM_BYTES)
  const streamBytes = Buffer.byteLength(chunks.join(''))
  await throughput(chunks) // warm-up
  const runs = []
  for (let i = 0; i < STREAM_RUNS; i++) runs.push(await throughput(chunks))
  const mbps = median(runs.map((r) => streamBytes / 1024 / 1024 / (r.ms / 1000)))
  const cpuMbps = median(runs.map((r) => streamBytes / 1024 / 1024 / (r.cpuMs / 1000)))
  const redraws = runs.map((r) => r.staleRedraws).join('/')
  const received = runs.map((r) => (r.bytes / 1024 / 1024).toFixed(1)).join('/')
  line(`5 MB output through hub + socket (median of ${STREAM_RUNS})`, `${mbps.toFixed(1)} MB/s`, ` (cpu ${cpuMbps.toFixed(1)} MB/s; MB received ${received}; catch-up redraws ${redraws})`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  terminalBench().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}
