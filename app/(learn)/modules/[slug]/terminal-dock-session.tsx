'use client'
// The dock's lab session: starts (or finds) the learner's playground through the API, waits in the seat queue, reports errors.
import { useCallback, useEffect, useRef, useState } from 'react'
import { sendJson } from '@/lib/client/post-json'

export type DockSession =
  | { phase: 'idle' }
  | { phase: 'starting' }
  | { phase: 'queued'; position: number; message: string }
  | { phase: 'ready'; id: string; driver: string }
  | { phase: 'error'; message: string }

/** The lab every module's runnable blocks run in. */
export const PLAYGROUND_LAB = 'playground'
/** While queued, ask again this often (the API answers with the new position, or the session once a seat frees). */
export const QUEUE_POLL_MS = 5_000

type StartAnswer = { session: { id: string; driver: string } } | { queued: true; position: number; message: string }

/**
 * Starts the playground once `active` turns true and keeps the answer; `restart()` asks again
 * (after an error, or when the session ended and a fresh one is wanted).
 */
export function usePlaygroundSession(active: boolean): { session: DockSession; restart: () => void } {
  const [session, setSession] = useState<DockSession>({ phase: 'idle' })
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const start = useCallback(async () => {
    setSession((s) => (s.phase === 'queued' ? s : { phase: 'starting' }))
    const res = await sendJson<StartAnswer>('POST', '/api/lab-sessions', { lab: PLAYGROUND_LAB })
    if (!res.ok) return setSession({ phase: 'error', message: res.message })
    if ('session' in res.data) return setSession({ phase: 'ready', id: res.data.session.id, driver: res.data.session.driver })
    setSession({ phase: 'queued', position: res.data.position, message: res.data.message })
  }, [])

  useEffect(() => {
    if (!active) return
    if (session.phase === 'idle') void start()
    if (session.phase === 'queued') timer.current = setTimeout(() => void start(), QUEUE_POLL_MS)
    return () => {
      if (timer.current) clearTimeout(timer.current)
      timer.current = null
    }
  }, [active, session, start])

  return { session, restart: () => setSession({ phase: 'idle' }) }
}
