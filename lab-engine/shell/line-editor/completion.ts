// Tab completion: the completer interface, a default one for command names and VFS paths, and bash's column listing.
import type { Shell } from '../interpreter'
import type { ArgumentCompleter } from '../registry'
import { HOME_DIR, resolvePath } from '../vfs'

export interface Completion {
  /** Full replacement texts for line[replaceFrom, cursor); a directory ends in `/`. */
  candidates: string[]
  replaceFrom: number
}

export type Completer = (line: string, cursor: number) => Completion

export type { ArgumentCompleter } from '../registry'

/** Characters that end a word for completion (readline's rl_basic_word_break_characters, minus quotes). */
const WORD_BREAK = /[\s;|&<>()`=]/
/** Text before a word that puts it in command position. */
const COMMAND_POSITION = /(^|[;|&(`]|\$\()\s*$/

export function defaultCompleter(shell: Shell, argumentCompleters: Record<string, ArgumentCompleter> = {}): Completer {
  return (line, cursor) => {
    let from = cursor
    while (from > 0 && !WORD_BREAK.test(line[from - 1])) from--
    const word = line.slice(from, cursor)
    const before = line.slice(0, from)
    if (COMMAND_POSITION.test(before) && !word.includes('/')) {
      return { candidates: shell.registry.names().filter((n) => n.startsWith(word)), replaceFrom: from }
    }
    // Only the current simple command counts: `ls; kubectl get <Tab>` completes kubectl's arguments.
    const words = before.split(/[;|&(`]/).pop()!.split(/\s+/).filter(Boolean)
    // Completers passed in win over the ones commands registered (kubectl's, wired by the session).
    const complete = words.length ? argumentCompleters[words[0]] ?? shell.registry.completerFor(words[0]) : undefined
    const custom = complete ? complete(words, word) : null
    if (custom) return { candidates: custom.filter((c) => c.startsWith(word)), replaceFrom: from }
    return { candidates: completePath(shell, word), replaceFrom: from }
  }
}

/** Entries of the word's directory that start with its last segment; dot files only for a dot prefix. */
export function completePath(shell: Shell, word: string): string[] {
  const slash = word.lastIndexOf('/')
  const dirPart = word.slice(0, slash + 1)
  const prefix = word.slice(slash + 1)
  const expanded = dirPart.startsWith('~/') || dirPart === '~' ? HOME_DIR + dirPart.slice(1) : dirPart
  const dir = resolvePath(shell.state.cwd, expanded || '.')
  if (!shell.vfs.isDir(dir)) return []
  return shell.vfs.readdir(dir)
    .filter((name) => name.startsWith(prefix) && (prefix.startsWith('.') || !name.startsWith('.')))
    .map((name) => dirPart + name + (shell.vfs.isDir(resolvePath(dir, name)) ? '/' : ''))
}

export function commonPrefix(items: string[]): string {
  if (!items.length) return ''
  let p = items[0]
  for (const s of items) while (!s.startsWith(p)) p = p.slice(0, -1)
  return p
}

/** What a listing shows: for paths, the last segment (`bookinfo/`), as bash does. */
export function displayName(candidate: string): string {
  return candidate.replace(/^.*\/(?=[^/]+\/?$)/, '')
}

/** bash's listing after a second Tab: column-major, two spaces between columns, lines ending in \r\n. */
export function formatColumns(items: string[], cols: number): string {
  if (!items.length) return ''
  const width = Math.max(...items.map((s) => s.length)) + 2
  const perRow = Math.max(1, Math.floor(cols / width))
  const rows = Math.ceil(items.length / perRow)
  const lines: string[] = []
  for (let r = 0; r < rows; r++) {
    const cells: string[] = []
    for (let c = 0; c * rows + r < items.length; c++) cells.push(items[c * rows + r])
    lines.push(cells.map((s, i) => (i < cells.length - 1 ? s.padEnd(width) : s)).join(''))
  }
  return lines.join('\r\n') + '\r\n'
}
