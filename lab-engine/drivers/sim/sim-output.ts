// Output collection for driver calls: capped writers and the message a failed lab setup gives.
import type { StatementResult } from '../../sim/session'

/** Output a driver call keeps per stream; past it the text ends with a truncation note. */
export const MAX_DRIVER_OUTPUT_CHARS = 1024 * 1024

export interface CappedWriter {
  write(chunk: string): void
  readonly text: string
}

export function capped(limit = MAX_DRIVER_OUTPUT_CHARS): CappedWriter {
  let text = ''
  let truncated = false
  return {
    write(chunk) {
      if (truncated) return
      if (text.length + chunk.length <= limit) return void (text += chunk)
      text += chunk.slice(0, limit - text.length)
      truncated = true
    },
    get text() {
      return truncated ? `${text}\n[output truncated at ${limit} characters]\n` : text
    },
  }
}

/** Names the setup statement that failed and what it printed, for the instructor who wrote it. */
export function setupFailure(r: StatementResult): string {
  const output = (r.stderr || r.stdout).trim().split('\n').slice(-5).join('\n')
  return `lab setup failed: \`${r.command}\` exited with ${r.exitCode}${output ? `:\n${output}` : ''}`
}
