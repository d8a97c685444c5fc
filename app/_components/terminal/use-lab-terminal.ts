'use client'
// useLabTerminal: one xterm.js view wired to one TerminalConnection, with the banner state the component shows.
import { useEffect, useRef, useState, type RefObject } from 'react'
import type { BannerState, TerminalNotice } from './terminal-banners'
import { attachShortcuts } from './terminal-clipboard'
import { TerminalConnection } from './terminal-connection'
import { createXterm, type Xterm } from './create-xterm'
import { pageIsDark, themeFor, watchPageTheme } from './terminal-theme'

/** What a page can do with a terminal once it is ready. */
export interface TerminalApi {
  /** Sends text as if typed (a runnable block's command followed by `\r`). */
  type(text: string): void
  focus(): void
}

export interface LabTerminalView {
  xterm: Xterm | null
  banners: BannerState
  dismissNotice: (id: number) => void
  dismissHint: () => void
  searchOpen: boolean
  setSearchOpen: (open: boolean) => void
}

const INITIAL: BannerState = { reconnecting: false, ended: null, exited: null, readOnly: false, notices: [], hint: null }
/** Server notices shown at once; older ones give way. */
const MAX_NOTICES = 3

export interface LabTerminalCallbacks {
  onReady?: (api: TerminalApi) => void
  /** The server will not take the socket back (the session ended); `reason` says why. */
  onEnded?: (reason: string) => void
}

export function useLabTerminal(container: RefObject<HTMLDivElement | null>, sessionId: string, readOnly: boolean, callbacks: LabTerminalCallbacks): LabTerminalView {
  const [xterm, setXterm] = useState<Xterm | null>(null)
  const [banners, setBanners] = useState<BannerState>({ ...INITIAL, readOnly })
  const [searchOpen, setSearchOpen] = useState(false)
  const latest = useRef(callbacks)
  latest.current = callbacks

  useEffect(() => {
    const el = container.current
    if (!el) return
    let disposed = false
    const cleanups: (() => void)[] = []
    const update = (patch: Partial<BannerState> | ((b: BannerState) => Partial<BannerState>)) =>
      setBanners((b) => ({ ...b, ...(typeof patch === 'function' ? patch(b) : patch) }))
    setBanners({ ...INITIAL, readOnly })
    void createXterm(el, { dark: pageIsDark(), readOnly }).then(
      (x) => {
        if (disposed) return x.term.dispose()
        cleanups.push(connectView(el, x, { sessionId, readOnly, update, latest, openSearch: () => setSearchOpen(true) }))
        setXterm(x)
      },
      () => update({ ended: 'The terminal could not be loaded. Reload the page to try again.' }),
    )
    return () => {
      disposed = true
      for (const fn of cleanups.reverse()) fn()
      setXterm(null)
    }
  }, [container, sessionId, readOnly])

  return {
    xterm,
    banners,
    dismissNotice: (id) => setBanners((b) => ({ ...b, notices: b.notices.filter((n) => n.id !== id) })),
    dismissHint: () => setBanners((b) => ({ ...b, hint: null })),
    searchOpen,
    setSearchOpen: (open) => {
      setSearchOpen(open)
      if (!open) xterm?.term.focus()
    },
  }
}

interface ViewOptions {
  sessionId: string
  readOnly: boolean
  update: Update
  latest: RefObject<LabTerminalCallbacks>
  openSearch: () => void
}

/** Connects a loaded xterm to the session's socket and the page (size, theme, shortcuts); returns the teardown. */
function connectView(el: HTMLElement, x: Xterm, { sessionId, readOnly, update, latest, openSearch }: ViewOptions): () => void {
  const conn = new TerminalConnection({ url: TerminalConnection.urlFor(sessionId, location) })
  const shell: ShellState = { exited: false }
  const cleanups = [
    () => conn.dispose(),
    () => x.term.dispose(),
    wireConnection(conn, x, shell, update),
    readOnly ? () => {} : wireInput(conn, x, shell, update),
    fitToContainer(el, x, conn),
    watchPageTheme((dark) => void (x.term.options.theme = themeFor(dark))),
    attachShortcuts(x.term, el, { onSearch: openSearch, onHint: (hint) => update({ hint }) }),
    conn.on('status', (status, reason) => status === 'ended' && latest.current.onEnded?.(reason ?? '')),
  ]
  latest.current.onReady?.({
    type: (text) => {
      if (!readOnly && conn.status !== 'ended') typeInto(conn, text, shell, update)
    },
    focus: () => x.term.focus(),
  })
  return () => cleanups.reverse().forEach((fn) => fn())
}

type Update = (patch: Partial<BannerState> | ((b: BannerState) => Partial<BannerState>)) => void
/** Whether the server said the shell exited (input then waits for a restart). */
interface ShellState { exited: boolean }

/** Server frames to the view and the banners. */
function wireConnection(conn: TerminalConnection, { term }: Xterm, shell: ShellState, update: Update): () => void {
  let nextNotice = 0
  const offs = [
    conn.on('data', (bytes) => term.write(bytes)),
    conn.on('redraw', (bytes) => {
      // The frame repaints everything (and restores the modes it needs): start from a clean terminal.
      term.reset()
      term.write(bytes)
      shell.exited = false // an exited shell is reported again right after its redraw
      update({ reconnecting: false, exited: null })
    }),
    conn.on('exit', (code) => {
      shell.exited = true
      update({ exited: code })
    }),
    conn.on('notice', ({ level, message }) => update((b) => ({ notices: [...b.notices, { id: nextNotice++, level, message } as TerminalNotice].slice(-MAX_NOTICES) }))),
    conn.on('status', (status, reason) => {
      if (status === 'reconnecting') update({ reconnecting: true })
      if (status === 'ended') update({ reconnecting: false, ended: reason ?? 'The terminal connection closed.' })
    }),
  ]
  return () => offs.forEach((off) => off())
}

/** Keystrokes and pastes to the server; after an exit, Enter asks for a fresh shell instead. */
function wireInput(conn: TerminalConnection, { term }: Xterm, shell: ShellState, update: Update): () => void {
  const onData = term.onData((data) => {
    if (!shell.exited) return conn.send(data)
    if (data.includes('\r')) restartShell(conn, shell, update)
  })
  const onBinary = term.onBinary((data) => shell.exited || conn.send(data))
  return () => {
    onData.dispose()
    onBinary.dispose()
  }
}

/** A command from the page: a shell that has exited is restarted first (the restart reaches the server before the text). */
function typeInto(conn: TerminalConnection, text: string, shell: ShellState, update: Update): void {
  if (shell.exited) restartShell(conn, shell, update)
  conn.send(text)
}

function restartShell(conn: TerminalConnection, shell: ShellState, update: Update): void {
  shell.exited = false
  conn.restart()
  update({ exited: null })
}

/** Refits the terminal to its container on every size change (one fit per frame) and tells the server. */
function fitToContainer(el: HTMLElement, { term, fit }: Xterm, conn: TerminalConnection): () => void {
  let frame = 0
  const refit = () => {
    frame = 0
    if (!el.offsetWidth || !el.offsetHeight) return // hidden (a minimised dock): keep the last size
    fit.fit()
    conn.resize(term.cols, term.rows)
  }
  const observer = new ResizeObserver(() => {
    if (!frame) frame = requestAnimationFrame(refit)
  })
  observer.observe(el)
  refit()
  return () => {
    observer.disconnect()
    cancelAnimationFrame(frame)
  }
}
