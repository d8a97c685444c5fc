// Loads xterm.js and its addons on demand and opens a terminal in a container.
//
// Everything is a dynamic import(): a page that never shows a terminal ships no
// xterm code, and the module reader fetches it only when its dock first opens.
import type { Terminal } from '@xterm/xterm'
import type { FitAddon } from '@xterm/addon-fit'
import type { SearchAddon } from '@xterm/addon-search'
import { themeFor } from './terminal-theme'

export interface Xterm {
  term: Terminal
  fit: FitAddon
  search: SearchAddon
}

/** Scrollback kept in the browser; the server's mirror keeps its own 1000 lines for redraws. */
export const SCROLLBACK_LINES = 5_000

export async function createXterm(container: HTMLElement, opts: { dark: boolean; readOnly: boolean }): Promise<Xterm> {
  const [{ Terminal }, { FitAddon }, { WebLinksAddon }, { SearchAddon }] = await Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    import('@xterm/addon-web-links'),
    import('@xterm/addon-search'),
  ])
  const term = new Terminal({
    theme: themeFor(opts.dark),
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
    fontSize: 13,
    scrollback: SCROLLBACK_LINES,
    cursorBlink: !opts.readOnly,
    disableStdin: opts.readOnly,
    // Right-click copies or pastes (terminal-clipboard.ts); selecting a word first would always copy.
    rightClickSelectsWord: false,
    macOptionIsMeta: true,
    allowProposedApi: true,
  })
  const fit = new FitAddon()
  const search = new SearchAddon()
  term.loadAddon(fit)
  term.loadAddon(search)
  // Links open in a new tab without giving it our window.
  term.loadAddon(new WebLinksAddon((_ev, uri) => void window.open(uri, '_blank', 'noopener,noreferrer')))
  term.open(container)
  return { term, fit, search }
}
