// Key decoder: raw terminal input bytes (as xterm.js sends them) -> keys, across arbitrary chunk boundaries.

/** Largest bracketed paste the editor accepts; a bigger one is refused with a one-line message. */
export const MAX_PASTE_CHARS = 64 * 1024

export type KeyName =
  | 'enter' | 'tab' | 'backspace' | 'delete' | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
  | 'ctrl-a' | 'ctrl-b' | 'ctrl-c' | 'ctrl-d' | 'ctrl-e' | 'ctrl-f' | 'ctrl-g' | 'ctrl-k' | 'ctrl-l'
  | 'ctrl-n' | 'ctrl-p' | 'ctrl-r' | 'ctrl-u' | 'ctrl-w' | 'word-left' | 'word-right'

export type Key =
  | { type: 'text'; text: string }
  | { type: 'key'; name: KeyName }
  | { type: 'paste'; text: string; oversized: boolean }

const CONTROL: Record<string, KeyName> = {
  '\r': 'enter', '\n': 'enter', '\t': 'tab', '\x7f': 'backspace', '\b': 'backspace',
  '\x01': 'ctrl-a', '\x02': 'ctrl-b', '\x03': 'ctrl-c', '\x04': 'ctrl-d', '\x05': 'ctrl-e', '\x06': 'ctrl-f',
  '\x07': 'ctrl-g', '\x0b': 'ctrl-k', '\x0c': 'ctrl-l', '\x0e': 'ctrl-n', '\x10': 'ctrl-p', '\x12': 'ctrl-r',
  '\x15': 'ctrl-u', '\x17': 'ctrl-w',
}

/** CSI / SS3 sequences (without the leading ESC) that mean something to the editor. */
const SEQUENCES: Record<string, KeyName> = {
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[H': 'home', '[F': 'end',
  'OA': 'up', 'OB': 'down', 'OC': 'right', 'OD': 'left', 'OH': 'home', 'OF': 'end',
  '[1~': 'home', '[7~': 'home', '[4~': 'end', '[8~': 'end', '[3~': 'delete',
  '[1;5C': 'word-right', '[1;5D': 'word-left', 'f': 'word-right', 'b': 'word-left',
}

const PASTE_START = '\x1b[200~'
const PASTE_END = '\x1b[201~'
/** A complete CSI (`[` params final), SS3 (`O` + one char) or Alt-<char> after ESC; ESC before a control byte stands alone. */
const ESCAPE_RE = /^\x1b(\[[0-9;?]*[\x40-\x7e]|O[\x20-\x7e]|[^[O\x00-\x1f\x7f])/s

export class KeyDecoder {
  private pending = ''
  private paste: { chunks: string[]; size: number; oversized: boolean } | null = null

  /** Decodes a chunk; an incomplete escape sequence at its end waits for the next chunk. */
  feed(bytes: string): Key[] {
    const keys: Key[] = []
    let s = this.pending + bytes
    this.pending = ''
    while (s.length) {
      const used = this.paste ? this.pasteStep(s, keys) : this.step(s, keys)
      if (used === 0) { this.pending = s; break }
      s = s.slice(used)
    }
    return keys
  }

  /** A lone ESC (or a cut-off sequence) that no further byte will complete: drop it. */
  flush(): void {
    this.pending = ''
  }

  private step(s: string, keys: Key[]): number {
    const c = s[0]
    if (c === '\x1b') return this.escape(s, keys)
    if (CONTROL[c]) {
      keys.push({ type: 'key', name: CONTROL[c] })
      return c === '\r' && s[1] === '\n' ? 2 : 1
    }
    const text = /^[^\x00-\x1f\x7f]+/.exec(s)
    if (!text) return 1 // an unbound control byte
    keys.push({ type: 'text', text: text[0] })
    return text[0].length
  }

  private escape(s: string, keys: Key[]): number {
    if (s.startsWith(PASTE_START)) {
      this.paste = { chunks: [], size: 0, oversized: false }
      return PASTE_START.length
    }
    const m = ESCAPE_RE.exec(s)
    if (!m) return isEscapePrefix(s) ? 0 : 1
    const name = SEQUENCES[m[1]]
    if (name) keys.push({ type: 'key', name })
    return m[0].length
  }

  private pasteStep(s: string, keys: Key[]): number {
    const end = s.indexOf(PASTE_END)
    const keep = end >= 0 ? end : partialSuffix(s, PASTE_END)
    const body = s.slice(0, keep)
    this.addPaste(body)
    if (end < 0) return keep === 0 ? 0 : keep
    const p = this.paste!
    this.paste = null
    keys.push({ type: 'paste', text: p.oversized ? '' : p.chunks.join(''), oversized: p.oversized })
    return end + PASTE_END.length
  }

  private addPaste(body: string): void {
    const p = this.paste!
    p.size += body.length
    if (p.size > MAX_PASTE_CHARS) { p.oversized = true; p.chunks = [] } else p.chunks.push(body)
  }
}

/** Could more bytes turn this into a sequence we parse? (`\x1b`, `\x1b[`, `\x1b[1;`, `\x1bO`) */
function isEscapePrefix(s: string): boolean {
  return /^\x1b(\[[0-9;?]*|O)?$/.test(s) || PASTE_START.startsWith(s)
}

/** Length of s minus the longest suffix that is a proper prefix of marker (it may be completed by the next chunk). */
function partialSuffix(s: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, s.length); n > 0; n--) {
    if (marker.startsWith(s.slice(s.length - n))) return s.length - n
  }
  return s.length
}
