// TerminalHub: one lab terminal shared by its sockets, with a screen mirror, flow control and a recording.
//
// Output from the shell is coalesced per tick into one frame, fed to the
// mirror (also while nobody is attached) and the recorder, and sent to every
// live socket. The wire protocol is described in terminal-socket.ts.
//
// Exit: when the shell ends, sockets get {"type":"exit"} and stay open; input
// is then ignored until a writer sends {"type":"restart"} or a writer attaches,
// which opens a fresh shell below the old screen.
import type WebSocket from 'ws'
import { toDisposable, type Disposable } from '../core/disposable'
import type { TerminalStream } from '../drivers/cluster-driver'
import type { AsciicastRecorder } from '../sessions/asciicast'
import { clampSize, parseClientControl, type ClientControl, type NoticeLevel } from './control-message'
import { HOST_SCHEDULER, type HubScheduler } from './hub-scheduler'
import type { HeldMessages } from './held-messages'
import { Heartbeat } from './heartbeat'
import { ResizeThrottle, type Size } from './resize-throttle'
import { CLEAR_SCREEN, ScreenMirror } from './screen-mirror'
import { DEFAULT_TERMINAL_LIMITS, emptyStats, type TerminalHubStats, type TerminalLimits } from './terminal-limits'
import { frameEnd, TerminalSocket, wsBufferedAmount, type BufferedAmount } from './terminal-socket'

export type { TerminalLimits, TerminalHubStats } from './terminal-limits'

export interface TerminalHubOptions {
  /** Opens the driver's terminal (called at first attach, and again after the lab is reset). */
  open: (size: { cols: number; rows: number }) => TerminalStream
  /** Wall clock ms (lab-engine may not call Date.now itself). */
  now: () => number
  /** Records output, input and resizes. */
  recorder?: AsciicastRecorder
  /** Input from the learner (idle-timeout bookkeeping). */
  onActivity?: () => void
  limits?: Partial<TerminalLimits>
  /** Timers for coalescing, throttling, drain polls and heartbeats; the host's by default. */
  scheduler?: HubScheduler
  /** How many bytes a socket has not sent yet; tests inject it to play a slow client. */
  bufferedAmount?: BufferedAmount
}

const CLOSE_GOING_AWAY = 1001
const CLOSE_NORMAL = 1000
const CLOSE_INTERNAL_ERROR = 1011

export class TerminalHub implements Disposable {
  readonly stats: TerminalHubStats = emptyStats()
  private readonly limits: TerminalLimits
  private readonly scheduler: HubScheduler
  private readonly mirror: ScreenMirror
  private readonly sockets = new Set<TerminalSocket>()
  private readonly throttle: ResizeThrottle
  private readonly bufferedAmount: BufferedAmount
  private terminal: { stream: TerminalStream; subs: Disposable[] } | null = null
  private exitCode: number | null = null
  private size: Size
  private pending = ''
  private flushScheduled = false
  private readonly heartbeat: Heartbeat
  private drainPoll: Disposable | null = null
  private disposed = false

  constructor(private readonly opts: TerminalHubOptions) {
    this.limits = { ...DEFAULT_TERMINAL_LIMITS, ...opts.limits }
    this.scheduler = opts.scheduler ?? HOST_SCHEDULER
    this.bufferedAmount = opts.bufferedAmount ?? wsBufferedAmount
    this.size = { cols: this.limits.cols, rows: this.limits.rows }
    this.mirror = new ScreenMirror({ ...this.size, scrollback: this.limits.scrollback })
    this.throttle = new ResizeThrottle(this.scheduler, this.limits.resizeThrottleMs, (s) => this.applySize(s))
    this.heartbeat = new Heartbeat({
      scheduler: this.scheduler, intervalMs: this.limits.heartbeatMs, maxMissed: this.limits.maxMissedPongs,
      onTimeout: (ws) => this.onHeartbeatTimeout(ws),
    })
  }

  get socketCount(): number {
    return this.sockets.size
  }

  /** The terminal's current size (the last writer's, clamped). */
  get currentSize(): Size {
    return { ...this.size }
  }

  /** The shell's exit status while it has exited and not yet restarted. */
  get exited(): number | null {
    return this.exitCode
  }

  /** The mirror's visible rows as parsed so far (diagnostics and tests). */
  screenLines(): string[] {
    return this.mirror.visibleLines()
  }

  /**
   * A socket joins: gets the current screen redrawn exactly (serialized mirror), then live output.
   * readOnly sockets' input is ignored. `held`: messages the socket sent before this call (see
   * held-messages.ts), handled now as if they had just arrived.
   */
  attach(ws: WebSocket, opts: { readOnly: boolean; held?: HeldMessages }): Disposable {
    if (this.disposed) {
      opts.held?.dispose()
      ws.close(CLOSE_GOING_AWAY, 'lab session ended')
      return toDisposable(() => {})
    }
    // Gone before it got here (the session lookup awaited): no 'close' event would ever remove it.
    if (ws.readyState !== ws.OPEN) {
      opts.held?.dispose()
      return toDisposable(() => {})
    }
    const sock = new TerminalSocket(ws, opts.readOnly, this.limits, this.bufferedAmount)
    this.sockets.add(sock)
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => this.onMessage(sock, data, isBinary)
    const onClose = () => this.detach(sock)
    const onError = () => void this.stats.socketErrors++
    ws.on('message', onMessage).on('close', onClose).on('error', onError)
    const watched = this.heartbeat.add(ws)
    sock.unlisten = () => {
      ws.off('message', onMessage).off('close', onClose)
      watched.dispose()
    }
    try {
      if (!this.terminal || (this.exitCode !== null && !opts.readOnly)) this.openTerminal()
    } catch (err) {
      // The driver could not open a terminal (not started, stopped meanwhile): the socket is told and closed.
      this.detach(sock)
      ws.close(CLOSE_INTERNAL_ERROR, 'terminal unavailable')
      throw err
    }
    this.sync(sock)
    // What the client sent before the attach (its size, typing during a reconnect), in order.
    for (const m of opts.held?.release() ?? []) this.onMessage(sock, m.data, m.isBinary)
    return toDisposable(() => {
      this.detach(sock)
      if (sock.isOpen) ws.close(CLOSE_NORMAL, 'detached')
    })
  }

  /** The lab was reset: the old terminal is gone; open a new one and redraw every socket. */
  reopen(): void {
    if (this.disposed || (!this.terminal && this.stats.terminalsOpened === 0)) return
    this.openTerminal()
    for (const sock of this.sockets) this.sync(sock)
  }

  /** A message for every attached socket ("session expires in 5 minutes"). */
  notify(level: NoticeLevel, message: string): void {
    for (const sock of this.sockets) sock.control({ type: 'notice', level, message })
  }

  /** Closes sockets with 1001, disposes the terminal and the mirror, ends the recording. */
  dispose(): void {
    if (this.disposed) return
    this.flush()
    this.disposed = true
    for (const sock of [...this.sockets]) {
      this.detach(sock)
      if (sock.isOpen) sock.ws.close(CLOSE_GOING_AWAY, 'lab session ended')
    }
    this.closeTerminal()
    this.throttle.dispose()
    this.heartbeat.dispose()
    this.drainPoll?.dispose()
    this.mirror.dispose()
    this.opts.recorder?.close()
  }

  private openTerminal(): void {
    const reopening = this.stats.terminalsOpened > 0
    this.closeTerminal()
    this.exitCode = null
    // A fresh shell starts on a fresh line below whatever the old one left on screen.
    if (reopening) this.pushOutput('\r\n')
    this.stats.terminalsOpened++
    // The recording may have started at another size than the terminal opens with.
    this.opts.recorder?.resize(this.size.cols, this.size.rows)
    const stream = this.opts.open(this.size)
    const term: { stream: TerminalStream; subs: Disposable[] } = { stream, subs: [] }
    this.terminal = term
    term.subs.push(stream.onData((data) => this.pushOutput(data)), stream.onExit((code) => this.onExit(term.stream, code)))
  }

  private closeTerminal(): void {
    if (!this.terminal) return
    const { stream, subs } = this.terminal
    this.terminal = null
    for (const s of subs) s.dispose()
    stream.dispose()
  }

  private onExit(stream: TerminalStream, code: number): void {
    if (this.terminal?.stream !== stream) return
    this.flush()
    this.exitCode = code
    for (const sock of this.sockets) if (sock.state !== 'syncing') sock.control({ type: 'exit', code })
  }

  private detach(sock: TerminalSocket): void {
    if (!this.sockets.delete(sock)) return
    sock.unlisten()
  }

  private onMessage(sock: TerminalSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (this.disposed) return
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)
    if (isBinary) this.input(sock, sock.decode(buf))
    else this.control(sock, parseClientControl(buf.toString('utf8')))
  }

  private input(sock: TerminalSocket, text: string): void {
    if (!text) return
    if (sock.readOnly) return void this.stats.readOnlyInputIgnored++
    if (this.exitCode !== null || !this.terminal) return void this.stats.inputAfterExitIgnored++
    this.stats.inputChars += text.length
    this.opts.recorder?.input(text)
    this.opts.onActivity?.()
    const stream = this.terminal.stream
    for (let i = 0; i < text.length; ) {
      const end = frameEnd(text, i, this.limits.inputChunkChars)
      stream.write(text.slice(i, end))
      i = end
    }
  }

  private control(sock: TerminalSocket, msg: ClientControl | null): void {
    if (!msg) return void this.stats.malformedControl++
    this.heartbeat.alive(sock.ws)
    if (msg.type === 'ping') return sock.control({ type: 'pong', t: msg.t })
    if (sock.readOnly) return void this.stats.readOnlyControlIgnored++
    if (msg.type === 'restart') {
      if (this.exitCode !== null) this.openTerminal()
      return
    }
    this.stats.resizesRequested++
    this.throttle.request(clampSize(msg.cols, msg.rows))
  }

  private applySize(size: Size): void {
    if (this.disposed || (size.cols === this.size.cols && size.rows === this.size.rows)) return
    // Output produced at the old width is parsed at the old width.
    this.flush()
    this.size = size
    this.stats.resizesApplied++
    this.mirror.resize(size.cols, size.rows)
    this.opts.recorder?.resize(size.cols, size.rows)
    this.terminal?.stream.resize(size)
  }

  private pushOutput(data: string): void {
    if (this.disposed || !data) return
    this.pending += data
    if (this.flushScheduled) return
    this.flushScheduled = true
    this.scheduler.defer(() => {
      this.flushScheduled = false
      this.flush()
    })
  }

  private flush(): void {
    if (!this.pending || this.disposed) return
    const data = this.pending
    this.pending = ''
    this.stats.outputChars += data.length
    this.mirror.write(data)
    this.opts.recorder?.output(data)
    let wentStale = false
    for (const sock of this.sockets) if (!sock.output(data)) wentStale = true
    if (wentStale) this.watchDrain()
  }

  /** Redraws a socket from the mirror as of now; output after now follows the redraw. */
  private sync(sock: TerminalSocket): void {
    sock.beginSync()
    this.mirror.barrier(() => {
      if (!this.sockets.has(sock)) return
      if (sock.resyncNeeded) return this.sync(sock)
      sock.finishSync(CLEAR_SCREEN + this.mirror.serialize())
      if (this.exitCode !== null) sock.control({ type: 'exit', code: this.exitCode })
    })
  }

  private watchDrain(): void {
    if (this.drainPoll || this.disposed) return
    this.drainPoll = this.scheduler.setTimeout(() => {
      this.drainPoll = null
      let stillStale = false
      for (const sock of this.sockets) {
        if (sock.drained) {
          this.stats.staleRedraws++
          this.sync(sock)
        } else if (sock.state === 'stale') stillStale = true
      }
      if (stillStale) this.watchDrain()
    }, this.limits.drainPollMs)
  }

  private onHeartbeatTimeout(ws: WebSocket): void {
    this.stats.heartbeatTimeouts++
    for (const sock of this.sockets) if (sock.ws === ws) this.detach(sock)
  }
}
