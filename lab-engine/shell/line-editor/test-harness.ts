// Test harness: a LineEditor over a fresh test shell, its output captured, and a clock whose sleep blocks.
import { Clock } from '../../core/clock'
import { manualClock } from '../clock'
import { createShell } from '../index'
import type { Shell } from '../interpreter'
import { LineEditor } from './line-editor'
import { shellPrompt } from './prompt'

/** A virtual Clock whose sleep waits until advance() reaches it or the signal aborts (a command that really runs). */
export function blockingClock() {
  const clock = Clock.virtual({ startMs: 0 })
  return {
    now: () => clock.now(),
    advance(ms: number) { clock.advanceBy(ms) },
    sleep: (ms: number, signal?: AbortSignal): Promise<void> => clock.sleep(ms, signal),
  }
}

export interface Harness {
  editor: LineEditor
  shell: Shell
  clock: ReturnType<typeof blockingClock>
  /** Everything written so far. */
  output(): string
  /** Output since the last call to take() (or since creation). */
  take(): string
  type(bytes: string): Promise<void>
}

export function harness(opts: { cols?: number; clock?: 'manual' | 'blocking' } = {}): Harness {
  const clock = blockingClock()
  const shell = createShell({ clock: opts.clock === 'blocking' ? clock : manualClock(0) })
  let out = '', mark = 0
  const editor = new LineEditor({ shell, write: (s) => { out += s }, prompt: shellPrompt(shell) })
  if (opts.cols) editor.resize(opts.cols, 24)
  return {
    editor, shell, clock,
    output: () => out,
    take: () => { const s = out.slice(mark); mark = out.length; return s },
    type: async (bytes) => { editor.input(bytes); await settle() },
  }
}

/** Lets pending shell runs (promise chains) finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
}

/** Output without escape sequences, for reading what the learner sees. */
export function plain(s: string): string {
  return s.replace(/\x1b\[[0-9;?]*[\x40-\x7e]/g, '')
}
