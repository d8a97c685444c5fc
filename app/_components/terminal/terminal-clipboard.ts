// Copy, paste and search shortcuts on an xterm.js terminal, by keyboard (see terminal-keys.ts) and by right-click.
//
// Pastes go through the browser's own paste event wherever a key can trigger one:
// xterm.js reads that event and wraps the text in ESC[200~ .. ESC[201~ when the
// shell asked for bracketed paste (the sim's line editor always does), so a
// multi-line paste reaches the line editor whole. Right-click has no native paste,
// so it reads the clipboard API (which the browser may refuse: then we say which keys work).
import type { Terminal } from '@xterm/xterm'
import { isMacPlatform, keyAction } from './terminal-keys'

export interface ShortcutHandlers {
  onSearch: () => void
  /** A short message for the learner (a refused clipboard read). */
  onHint: (message: string) => void
}

/** Installs the key handler and the context-menu listener; returns the function that removes the listener. */
export function attachShortcuts(term: Terminal, container: HTMLElement, handlers: ShortcutHandlers): () => void {
  const isMac = isMacPlatform(navigator)
  term.attachCustomKeyEventHandler((ev) => {
    const action = keyAction(ev, { isMac, hasSelection: term.hasSelection() })
    if (!action) return true
    if (ev.type !== 'keydown') return false
    if (action === 'paste') return false // not prevented: the browser fires paste on xterm's textarea
    ev.preventDefault()
    if (action === 'copy') void copySelection(term)
    if (action === 'search') handlers.onSearch()
    return false
  })
  const onContextMenu = (ev: MouseEvent) => {
    ev.preventDefault()
    if (term.hasSelection()) void copySelection(term)
    else void pasteFromClipboard(term, isMac, handlers.onHint)
  }
  container.addEventListener('contextmenu', onContextMenu)
  return () => container.removeEventListener('contextmenu', onContextMenu)
}

/** Copies the selection (clipboard API; the copy command on insecure pages) and clears it, as terminals do. */
export async function copySelection(term: Terminal): Promise<void> {
  const text = term.getSelection()
  if (!text) return
  try {
    await navigator.clipboard.writeText(text)
  } catch {
    // xterm.js answers the copy event from its own textarea with the selection.
    document.execCommand('copy')
  }
  term.clearSelection()
  term.focus()
}

async function pasteFromClipboard(term: Terminal, isMac: boolean, onHint: (m: string) => void): Promise<void> {
  let text: string
  try {
    text = await navigator.clipboard.readText()
  } catch {
    return onHint(`The browser did not let us read the clipboard. Paste with ${isMac ? '⌘V' : 'Ctrl+Shift+V or Shift+Insert'}.`)
  }
  if (text) term.paste(text)
  term.focus()
}
