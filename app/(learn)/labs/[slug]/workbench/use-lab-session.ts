'use client'
// The workbench's lab session: start it (or wait in the seat queue), keep its view fresh, and extend, reset or stop it.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { SessionView } from '@/lab-engine/sessions/session-manager'
import { sendJson } from '@/lib/client/post-json'

export type LabSessionState =
  | { phase: 'idle' }
  /** `session` once the server has one: a slow driver (kind) reports its stages there. */
  | { phase: 'starting'; session?: SessionView }
  | { phase: 'queued'; position: number; message: string }
  | { phase: 'running'; session: SessionView }
  | { phase: 'ended'; session: SessionView }
  | { phase: 'error'; message: string }

/** How often a queued learner asks again for a seat, a starting session is looked at, and a running session's view is refreshed. */
const QUEUE_POLL_MS = 5_000
const STARTING_POLL_MS = 1_000
const VIEW_POLL_MS = 30_000

type StartReply = { session: SessionView } | { queued: true; position: number; message: string }

function stateOf(session: SessionView): LabSessionState {
  if (session.state === 'starting') return { phase: 'starting', session }
  return session.state === 'running' ? { phase: 'running', session } : { phase: 'ended', session }
}

export function useLabSession(lab: string, initial: SessionView | null) {
  const [state, setState] = useState<LabSessionState>(initial ? stateOf(initial) : { phase: 'idle' })
  const [busy, setBusy] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const stateRef = useRef(state)
  stateRef.current = state

  const start = useCallback(async () => {
    if (stateRef.current.phase !== 'queued') setState({ phase: 'starting' })
    const res = await sendJson<StartReply>('POST', '/api/lab-sessions', { lab })
    if (!res.ok) return setState({ phase: 'error', message: res.message })
    setState('queued' in res.data ? { phase: 'queued', position: res.data.position, message: res.data.message } : stateOf(res.data.session))
  }, [lab])

  // Waiting for a seat: ask again until one frees up.
  useEffect(() => {
    if (state.phase !== 'queued') return
    const timer = setTimeout(() => void start(), QUEUE_POLL_MS)
    return () => clearTimeout(timer)
  }, [state, start])

  // Starting on a slow driver: follow its stages until it runs (or fails).
  const startingId = state.phase === 'starting' ? state.session?.id : undefined
  useEffect(() => {
    if (!startingId) return
    const timer = setTimeout(async () => {
      const res = await sendJson<{ session: SessionView }>('GET', `/api/lab-sessions/${startingId}`)
      setState(res.ok ? stateOf(res.data.session) : { phase: 'error', message: res.message })
    }, STARTING_POLL_MS)
    return () => clearTimeout(timer)
  }, [state, startingId])

  const sessionId = state.phase === 'running' ? state.session.id : null
  const refresh = useCallback(async () => {
    if (!sessionId) return
    const res = await sendJson<{ session: SessionView }>('GET', `/api/lab-sessions/${sessionId}`)
    if (res.ok) setState(stateOf(res.data.session))
  }, [sessionId])

  useEffect(() => {
    if (!sessionId) return
    const timer = setInterval(() => void refresh(), VIEW_POLL_MS)
    return () => clearInterval(timer)
  }, [sessionId, refresh])

  const act = useCallback(
    async (name: 'extend' | 'reset' | 'stop') => {
      if (!sessionId) return
      setBusy(name)
      setActionError(null)
      const res = name === 'stop'
        ? await sendJson<{ session: SessionView }>('DELETE', `/api/lab-sessions/${sessionId}`)
        : await sendJson<{ session: SessionView }>('POST', `/api/lab-sessions/${sessionId}/${name}`)
      setBusy(null)
      if (!res.ok) return setActionError(res.message)
      setState(stateOf(res.data.session))
    },
    [sessionId],
  )

  return { state, start, refresh, act, busy, actionError }
}
