// Terminal shortcuts: which key presses copy, paste or search instead of reaching the shell, per platform.
//
// Windows/Linux terminals copy with Ctrl-Shift-C or Ctrl-Insert and paste with
// Ctrl-Shift-V or Shift-Insert (Windows Terminal, GNOME Terminal, VS Code); Ctrl-C
// copies only while text is selected, otherwise it is the interrupt the shell
// needs. Ctrl-V pastes too, as Windows Terminal does: the sim's line editor gives
// ^V no meaning. macOS uses Cmd-C / Cmd-V, leaving every Ctrl key to the shell.

/** The parts of a KeyboardEvent the decision needs (so it is testable without a DOM). */
export interface KeyLike {
  type: string
  key: string
  ctrlKey: boolean
  shiftKey: boolean
  altKey: boolean
  metaKey: boolean
}

/**
 * copy: copy the selection ourselves; paste: let the browser fire its native paste
 * event (xterm.js reads it and brackets it); search: open the search box; ignore: a
 * copy shortcut with nothing selected (Ctrl-Shift-C must not become ^C); null: the
 * terminal handles the key as usual.
 */
export type KeyAction = 'copy' | 'paste' | 'search' | 'ignore' | null

export function keyAction(ev: KeyLike, ctx: { isMac: boolean; hasSelection: boolean }): KeyAction {
  if (ev.altKey) return null
  const key = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key
  return ctx.isMac ? macAction(ev, key, ctx.hasSelection) : pcAction(ev, key, ctx.hasSelection)
}

function macAction(ev: KeyLike, key: string, hasSelection: boolean): KeyAction {
  if (!ev.metaKey || ev.ctrlKey) return null
  if (key === 'c') return hasSelection ? 'copy' : 'ignore'
  if (key === 'v') return 'paste'
  if (key === 'f') return 'search'
  return null
}

function pcAction(ev: KeyLike, key: string, hasSelection: boolean): KeyAction {
  if (ev.metaKey) return null
  if (ev.ctrlKey && !ev.shiftKey && key === 'Insert') return hasSelection ? 'copy' : 'ignore'
  if (ev.shiftKey && !ev.ctrlKey && key === 'Insert') return 'paste'
  if (!ev.ctrlKey) return null
  if (key === 'c') return hasSelection ? 'copy' : ev.shiftKey ? 'ignore' : null
  if (key === 'v') return 'paste'
  if (key === 'f') return 'search'
  return null
}

/** True on macOS and iOS keyboards (Cmd is the shortcut key there). */
export function isMacPlatform(nav: { platform?: string; userAgent?: string } | undefined): boolean {
  if (!nav) return false
  return /Mac|iPhone|iPad|iPod/.test(nav.platform || nav.userAgent || '')
}
