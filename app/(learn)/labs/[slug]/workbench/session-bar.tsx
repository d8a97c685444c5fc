'use client'
// The workbench's session controls: time left (with the 5-minute warning), Extend, Reset and Stop.
import { useEffect, useState } from 'react'
import type { SessionView } from '@/lab-engine/sessions/session-manager'

const WARN_MS = 5 * 60_000

export function timeLeftMs(session: SessionView, nowMs: number): number {
  const deadlines = [session.expiresAt, session.idleExpiresAt].filter((d): d is string => d !== null).map((d) => Date.parse(d))
  return Math.max(0, Math.min(...deadlines) - nowMs)
}

export function formatTimeLeft(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = String(m).padStart(h ? 2 : 1, '0')
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(t)
  }, [intervalMs])
  return now
}

interface SessionBarProps {
  session: SessionView
  busy: string | null
  error: string | null
  onAction: (name: 'extend' | 'reset' | 'stop') => void
}

export function SessionBar({ session, busy, error, onAction }: SessionBarProps) {
  const left = timeLeftMs(session, useNow(1000))
  const warn = left < WARN_MS
  const confirmThen = (name: 'reset' | 'stop', question: string) => () => window.confirm(question) && onAction(name)
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800" data-testid="session-bar">
      <span className="font-semibold">{session.title}</span>
      <span className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">{session.driver}</span>
      <span className={warn ? 'font-semibold text-amber-700 dark:text-amber-400' : 'text-slate-600 dark:text-slate-400'} aria-live={warn ? 'polite' : 'off'}>
        {warn ? `Ends in ${formatTimeLeft(left)}. Extend to keep working.` : `${formatTimeLeft(left)} left`}
      </span>
      {session.notice && <span className="text-amber-700 dark:text-amber-400">{session.notice}</span>}
      {error && <span role="alert" className="text-red-700 dark:text-red-400">{error}</span>}
      <span className="ml-auto flex gap-2">
        {session.canExtend && <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={() => onAction('extend')} disabled={busy !== null}>{busy === 'extend' ? 'Extending…' : 'Extend'}</button>}
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={confirmThen('reset', 'Reset the lab environment to its starting state? Your cluster changes are lost.')} disabled={busy !== null}>{busy === 'reset' ? 'Resetting…' : 'Reset'}</button>
        <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={confirmThen('stop', 'Stop this lab session? Submit first if you want it graded.')} disabled={busy !== null}>{busy === 'stop' ? 'Stopping…' : 'Stop'}</button>
      </span>
    </div>
  )
}
