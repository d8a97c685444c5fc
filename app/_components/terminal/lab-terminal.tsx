'use client'
// LabTerminal: a lab session's shell in the browser (xterm.js over /ws/terminal), with search, banners and a screen-reader toggle.
//
// xterm.js and its addons are imported only when this component mounts
// (create-xterm.ts); pages that never show a terminal load none of it.
import '@xterm/xterm/css/xterm.css'
import { useRef, useState } from 'react'
import { TerminalBanners } from './terminal-banners'
import { TerminalSearch } from './terminal-search'
import { useLabTerminal, type TerminalApi } from './use-lab-terminal'

export type { TerminalApi } from './use-lab-terminal'

export interface LabTerminalProps {
  sessionId: string
  /** Staff watching a learner: output only, no input or resizes. */
  readOnly?: boolean
  /** Called once the terminal is on screen and connecting; `type` may be used at once. */
  onReady?: (api: TerminalApi) => void
  /** The session is gone (ended, expired): the page may offer a fresh one. */
  onEnded?: (reason: string) => void
  className?: string
}

export function LabTerminal({ sessionId, readOnly = false, onReady, onEnded, className }: LabTerminalProps) {
  const screen = useRef<HTMLDivElement>(null)
  const view = useLabTerminal(screen, sessionId, readOnly, { onReady, onEnded })
  const [screenReader, setScreenReader] = useState(false)
  const toggleScreenReader = () => {
    const on = !screenReader
    setScreenReader(on)
    if (view.xterm) view.xterm.term.options.screenReaderMode = on
  }
  return (
    <div className={`lab-terminal ${className ?? ''}`} data-testid="lab-terminal">
      <div className="lab-terminal-toolbar">
        <span className="lab-terminal-title">{readOnly ? 'Watching (read-only)' : ''}</span>
        <button type="button" className="terminal-tool" onClick={() => view.setSearchOpen(true)} disabled={!view.xterm} aria-keyshortcuts="Control+F Meta+F">
          Find
        </button>
        <button type="button" className="terminal-tool" aria-pressed={screenReader} onClick={toggleScreenReader} disabled={!view.xterm}>
          Screen reader mode
        </button>
      </div>
      {view.searchOpen && view.xterm && <TerminalSearch search={view.xterm.search} onClose={() => view.setSearchOpen(false)} />}
      <TerminalBanners state={view.banners} onDismiss={view.dismissNotice} onDismissHint={view.dismissHint} />
      <div
        ref={screen}
        role="group"
        aria-label={readOnly ? 'Lab terminal (read-only)' : 'Lab terminal'}
        aria-busy={!view.xterm}
        className="lab-terminal-screen"
      />
    </div>
  )
}
