// ResizeThrottle: a flood of resize requests becomes at most one applied size per interval, the last one winning.
//
// Dragging a browser window sends a resize per animation frame; each one makes
// the line editor repaint and the mirror reflow, so the gateway applies the
// first at once and then only the latest of those that arrive within the interval.
import type { Disposable } from '../core/disposable'
import type { HubScheduler } from './hub-scheduler'

export interface Size {
  cols: number
  rows: number
}

export class ResizeThrottle implements Disposable {
  private latest: Size | null = null
  private timer: Disposable | null = null
  private coolingDown = false

  constructor(
    private readonly scheduler: HubScheduler,
    private readonly intervalMs: number,
    private readonly apply: (size: Size) => void,
  ) {}

  request(size: Size): void {
    if (this.coolingDown) {
      this.latest = size
      return
    }
    this.applyNow(size)
  }

  dispose(): void {
    this.timer?.dispose()
    this.timer = null
    this.latest = null
  }

  private applyNow(size: Size): void {
    this.apply(size)
    this.coolingDown = true
    this.timer = this.scheduler.setTimeout(() => this.cooled(), this.intervalMs)
  }

  private cooled(): void {
    this.timer = null
    this.coolingDown = false
    const next = this.latest
    this.latest = null
    if (next) this.applyNow(next)
  }
}
