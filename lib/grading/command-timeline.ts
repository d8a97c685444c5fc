// The command timeline of a terminal recording: the lines a learner typed, with when they started typing and pressed Enter.
//
// Derived from the asciicast "i" (input) events only, replaying a minimal line
// editor. Assumptions, since the recording holds keystrokes, not the shell's
// parse: Enter is "\r" or "\n" (a "\r\n" pair counts once); Backspace ("\x7f",
// "\b") deletes the last character; Ctrl-U clears the line; Ctrl-C drops it;
// escape sequences (arrows, bracketed-paste markers) are ignored, so a line
// edited with the cursor keys or completed with Tab shows the keys typed, not
// the shell's final text; history recall (Up) is not replayed. Input typed
// while a command ran (e.g. answering a prompt) looks like a command too.
import type { AsciicastEvent } from '@/lab-engine/sessions/asciicast'

/** Most commands one recording's timeline lists (a few hours of work). */
export const MAX_TIMELINE_COMMANDS = 1000
/** Longest command text kept; longer lines are cut with an ellipsis. */
export const MAX_COMMAND_CHARS = 500

export interface TimelineCommand {
  /** Seconds since the recording started, at the line's first keystroke (where the player seeks to). */
  time: number
  /** Seconds since the recording started, at Enter. */
  enteredAt: number
  command: string
}

// CSI (ESC [ ... final), SS3 (ESC O x) and any other two-byte ESC sequence.
const ESCAPE = /\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|[^[O])/gy

/** The commands in time order; empty lines are left out. */
export function commandTimeline(events: readonly AsciicastEvent[]): TimelineCommand[] {
  const out: TimelineCommand[] = []
  const line = new LineEditor()
  for (const e of events) {
    if (e.code !== 'i') continue
    for (const typed of line.feed(e.data, e.time)) {
      if (out.length >= MAX_TIMELINE_COMMANDS) return out
      out.push(typed)
    }
  }
  return out
}

class LineEditor {
  private text = ''
  private startedAt: number | null = null
  private lastWasCr = false

  feed(data: string, time: number): TimelineCommand[] {
    const done: TimelineCommand[] = []
    let i = 0
    while (i < data.length) {
      if (data[i] === '\x1b') {
        ESCAPE.lastIndex = i
        i = ESCAPE.test(data) ? ESCAPE.lastIndex : i + 1
        continue
      }
      const ch = data[i++]!
      const cmd = this.key(ch, time)
      if (cmd) done.push(cmd)
    }
    return done
  }

  private key(ch: string, time: number): TimelineCommand | null {
    const afterCr = this.lastWasCr
    this.lastWasCr = ch === '\r'
    if (ch === '\r' || ch === '\n') return ch === '\n' && afterCr ? null : this.enter(time)
    if (ch === '\x7f' || ch === '\b') this.text = [...this.text].slice(0, -1).join('')
    else if (ch === '\x15' || ch === '\x03') this.text = ''
    else if (ch >= ' ' || ch === '\t') this.type(ch, time)
    return null
  }

  private type(ch: string, time: number): void {
    if (this.text === '') this.startedAt = time
    this.text += ch === '\t' ? ' ' : ch
  }

  private enter(time: number): TimelineCommand | null {
    const command = this.text.trim()
    const startedAt = this.startedAt ?? time
    this.text = ''
    this.startedAt = null
    if (!command) return null
    const cut = command.length > MAX_COMMAND_CHARS ? `${command.slice(0, MAX_COMMAND_CHARS - 1)}…` : command
    return { time: startedAt, enteredAt: time, command: cut }
  }
}
