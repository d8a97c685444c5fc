'use client'
// The module reader's terminal dock: a resizable bottom panel with the learner's playground terminal, opened by a
// runnable block's Run or the Terminal button, loaded (session and xterm.js) only when first opened. An "Open in
// editor" block shows its manifest in the dock's editor view (Monaco, loaded then), to edit and apply in the playground.
import dynamic from 'next/dynamic'
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react'
import type { TerminalApi } from '@/app/_components/terminal'
import { usePlaygroundSession, type DockSession } from './terminal-dock-session'
import { DockResizeHandle, useDockHeight, usePagePadding } from './terminal-dock-layout'

const ManifestEditor = dynamic(() => import('@/app/_components/editor').then((m) => m.ManifestEditor), {
  ssr: false,
  loading: () => <p className="terminal-dock-message">Loading the editor…</p>,
})

const LabTerminal = dynamic(() => import('@/app/_components/terminal').then((m) => m.LabTerminal), {
  ssr: false,
  loading: () => <p className="terminal-dock-message">Loading the terminal…</p>,
})

export type DockState = 'closed' | 'open' | 'minimised'
type DockView = 'terminal' | 'editor'

/** A manifest put into the dock's editor; `at` makes opening the same block again reload it. */
interface EditorDoc { path: string; text: string; at: number }

export interface TerminalDockHandle {
  /** Opens the dock and types the command followed by Enter, once the terminal is ready. */
  run(command: string): void
  /** Opens the dock's editor with a manifest, saved as `file` in the playground's home directory. */
  openEditor(text: string, file: string): void
}

export function TerminalDock({ ref, onDriver }: { ref?: Ref<TerminalDockHandle>; onDriver?: (driver: string) => void }) {
  const [state, setState] = useState<DockState>('closed')
  const [view, setView] = useState<DockView>('terminal')
  const [doc, setDoc] = useState<EditorDoc | null>(null)
  const { session, restart } = usePlaygroundSession(state !== 'closed')
  const api = useRef<TerminalApi | null>(null)
  const pending = useRef<string[]>([])
  const [ended, setEnded] = useState(false)
  const [height, setHeight] = useDockHeight()
  const panel = useRef<HTMLElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  usePagePadding(state === 'closed' ? toggle : panel, state)

  useImperativeHandle(ref, () => ({
    run(command: string) {
      setState('open')
      setView('terminal')
      const text = command.replace(/\r?\n/g, '\r') + '\r'
      if (api.current) api.current.type(text)
      else pending.current.push(text)
    },
    openEditor(text: string, file: string) {
      setState('open')
      setView('editor')
      setDoc({ path: `~/${file.replace(/^[~/]+/, '')}`, text, at: Date.now() })
    },
  }), [])

  const driver = session.phase === 'ready' ? session.driver : null
  useEffect(() => void (driver && onDriver?.(driver)), [driver, onDriver])

  const onReady = (terminal: TerminalApi) => {
    api.current = terminal
    for (const text of pending.current.splice(0)) terminal.type(text)
  }
  const close = () => {
    api.current = null
    pending.current = []
    setState('closed')
    // Reopening asks the API again: the session may have expired meanwhile (its socket would only be refused).
    if (session.phase === 'ready') restart()
  }
  const newSession = () => {
    setEnded(false)
    restart()
  }

  if (state === 'closed') {
    return (
      <button ref={toggle} type="button" className="terminal-dock-toggle btn-primary" aria-expanded={false} onClick={() => setState('open')}>
        Terminal
      </button>
    )
  }
  const minimised = state === 'minimised'
  return (
    <section ref={panel} aria-label="Terminal dock" className="terminal-dock" style={minimised ? undefined : { height }} data-testid="terminal-dock">
      {!minimised && <DockResizeHandle height={height} onResize={setHeight} />}
      <header className="terminal-dock-header">
        <h2 className="terminal-dock-title">{view === 'editor' ? 'Editor' : 'Terminal'} <span className="terminal-dock-subtitle">playground</span></h2>
        {doc && (
          <span className="flex gap-1" role="group" aria-label="Dock view">
            <button type="button" className="terminal-tool" aria-pressed={view === 'terminal'} onClick={() => setView('terminal')}>Terminal</button>
            <button type="button" className="terminal-tool" aria-pressed={view === 'editor'} onClick={() => setView('editor')}>Editor</button>
          </span>
        )}
        <span className="terminal-dock-status" aria-live="polite">{statusText(session)}</span>
        {ended && <button type="button" className="terminal-tool" onClick={newSession}>Start a new playground</button>}
        <button type="button" className="terminal-tool" aria-expanded={!minimised} onClick={() => setState(minimised ? 'open' : 'minimised')}>
          {minimised ? 'Restore' : 'Minimise'}
        </button>
        <button type="button" className="terminal-tool" onClick={close}>Close</button>
      </header>
      <div className="terminal-dock-body" hidden={minimised || view !== 'terminal'}>
        <DockBody session={session} onReady={onReady} onRetry={restart} onEnded={() => {
          api.current = null
          setEnded(true)
        }} />
      </div>
      {doc && session.phase === 'ready' && (
        <div className="terminal-dock-body" hidden={minimised || view !== 'editor'} data-testid="dock-editor">
          <ManifestEditor sessionId={session.id} file={{ path: doc.path, openedAt: doc.at }} initialText={doc.text} />
        </div>
      )}
    </section>
  )
}

function DockBody({ session, onReady, onRetry, onEnded }: { session: DockSession; onReady: (api: TerminalApi) => void; onRetry: () => void; onEnded: () => void }) {
  if (session.phase === 'ready') return <LabTerminal key={session.id} sessionId={session.id} onReady={onReady} onEnded={onEnded} className="terminal-dock-terminal" />
  if (session.phase === 'queued') return <p role="status" className="terminal-dock-message">{session.message} The terminal opens as soon as a seat is free.</p>
  if (session.phase === 'error') {
    return (
      <div role="alert" className="terminal-dock-message">
        <p>{session.message}</p>
        <button type="button" className="btn-secondary mt-2" onClick={onRetry}>Try again</button>
      </div>
    )
  }
  return <p role="status" className="terminal-dock-message">Starting your playground…</p>
}

function statusText(session: DockSession): string {
  if (session.phase === 'queued') return `Waiting for a seat (#${session.position})`
  if (session.phase === 'ready') return ''
  if (session.phase === 'error') return 'Unavailable'
  return 'Starting…'
}
