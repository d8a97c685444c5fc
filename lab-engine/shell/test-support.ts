// Test support: a fresh shell with a virtual clock, and run() captured into strings.
import { manualClock } from './clock'
import { createShell } from './index'
import type { Shell } from './interpreter'

export interface Captured { stdout: string; stderr: string; code: number }

export function testShell(): Shell {
  return createShell({ clock: manualClock(Date.UTC(2026, 0, 1)) })
}

export async function runCaptured(shell: Shell, src: string, stdin = ''): Promise<Captured> {
  let stdout = '', stderr = ''
  const code = await shell.run(src, { stdin, stdout: { write: (s) => { stdout += s } }, stderr: { write: (s) => { stderr += s } } })
  return { stdout, stderr, code }
}
