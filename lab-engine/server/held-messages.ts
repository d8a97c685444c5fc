// HeldMessages: what a client sends between the upgrade and the hub's attach, kept and replayed in order.
//
// The gateway awaits the session (maybe reviving it after a restart) before it
// can attach the socket; a browser reconnecting sends its size and whatever the
// learner typed meanwhile at once. `ws` drops messages nobody listens to, so
// the channel handler starts holding them synchronously on connection and the
// hub replays them on attach: typed input during a reconnect is not lost.
import type WebSocket from 'ws'
import type { Disposable } from '../core/disposable'

/** 256 KiB: a reconnect's worth of typing and a resize; past it messages are dropped and counted. */
export const MAX_HELD_BYTES = 256 * 1024

export interface HeldMessage {
  readonly data: WebSocket.RawData
  readonly isBinary: boolean
}

export class HeldMessages implements Disposable {
  private messages: HeldMessage[] = []
  private bytes = 0
  private holding = true
  dropped = 0

  constructor(
    private readonly ws: WebSocket,
    private readonly maxBytes = MAX_HELD_BYTES,
  ) {
    ws.on('message', this.onMessage)
  }

  /** Stops holding and hands over what was held, oldest first (once). */
  release(): HeldMessage[] {
    this.stop()
    const messages = this.messages
    this.messages = []
    return messages
  }

  dispose(): void {
    this.stop()
    this.messages = []
  }

  private readonly onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength
    if (this.bytes + size > this.maxBytes) return void this.dropped++
    this.bytes += size
    this.messages.push({ data, isBinary })
  }

  private stop(): void {
    if (!this.holding) return
    this.holding = false
    this.ws.off('message', this.onMessage)
  }
}

/** Starts holding a socket's messages; call it synchronously when the socket connects. */
export function holdMessages(ws: WebSocket, maxBytes?: number): HeldMessages {
  return new HeldMessages(ws, maxBytes)
}
