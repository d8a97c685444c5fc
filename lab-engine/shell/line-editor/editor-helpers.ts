// Editor helpers: output translation, paste-to-keys, and the Tab listing decision.
import { commonPrefix, displayName, formatColumns } from './completion'
import type { Key } from './keys'

/** Command output for a raw-mode terminal: `\n` -> `\r\n` (what the tty's onlcr would do). */
export function toTerminal(s: string): string {
  return s.replace(/\r?\n/g, '\r\n')
}

/**
 * A bracketed paste as keys: each line inserted as text, each newline an Enter, as bash runs
 * pasted lines one by one. Other control characters are dropped; a tab becomes a space so it
 * neither triggers completion nor breaks the column arithmetic.
 */
export function pasteKeys(text: string): Key[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(/[\x00-\x09\x0b-\x1f\x7f]/g, '').split('\n')
  const keys: Key[] = []
  lines.forEach((line, i) => {
    if (i > 0) keys.push({ type: 'key', name: 'enter' })
    if (line) keys.push({ type: 'text', text: line })
  })
  return keys
}

/** Several candidates: complete to their common prefix; on a second Tab with nothing to add, list them. */
export function listCompletions(candidates: string[], word: string, secondTab: boolean, cols: number): { prefix: string; columns: string } {
  const prefix = commonPrefix(candidates)
  if (prefix.length > word.length || !secondTab) return { prefix, columns: '' }
  return { prefix, columns: formatColumns(candidates.map(displayName), cols) }
}
