'use client'
// The messages over a terminal: reconnecting, the connection ended, the shell exited, server notices, hints.
import type { NoticeLevel } from './terminal-connection'

export interface TerminalNotice {
  id: number
  level: NoticeLevel
  message: string
}

export interface BannerState {
  /** Set from a drop until the server's redraw arrives. */
  reconnecting: boolean
  /** Why the server will not take the socket back (session ended, not ours). */
  ended: string | null
  /** The shell's exit status while it has exited. */
  exited: number | null
  readOnly: boolean
  notices: TerminalNotice[]
  hint: string | null
}

export function TerminalBanners({ state, onDismiss, onDismissHint }: { state: BannerState; onDismiss: (id: number) => void; onDismissHint: () => void }) {
  const { reconnecting, ended, exited, readOnly, notices, hint } = state
  return (
    <div className="terminal-banners">
      {ended ? (
        <p role="alert" className="terminal-banner terminal-banner-warning">{ended}</p>
      ) : reconnecting ? (
        <p role="status" className="terminal-banner terminal-banner-info" data-testid="terminal-reconnecting">Reconnecting…</p>
      ) : null}
      {exited !== null && !ended && (
        <p role="status" className="terminal-banner terminal-banner-info">
          {readOnly ? `The shell exited (status ${exited}).` : 'The shell exited. Press Enter to restart.'}
        </p>
      )}
      {notices.map((n) => (
        <Dismissable key={n.id} level={n.level} onDismiss={() => onDismiss(n.id)}>{n.message}</Dismissable>
      ))}
      {hint && <Dismissable level="info" onDismiss={onDismissHint}>{hint}</Dismissable>}
    </div>
  )
}

function Dismissable({ level, onDismiss, children }: { level: NoticeLevel; onDismiss: () => void; children: string }) {
  return (
    <div role={level === 'warning' ? 'alert' : 'status'} className={`terminal-banner terminal-banner-${level}`}>
      <span>{children}</span>
      <button type="button" className="terminal-tool" onClick={onDismiss} aria-label="Dismiss message">✕</button>
    </div>
  )
}
