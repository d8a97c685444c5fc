'use client'
// A lab attempt's tasks with live ticks: loaded from the API, updated by `task` events, and the Check, Hint and Submit actions.
import { useCallback, useEffect, useState } from 'react'
import { useEngineEvent, useEventsGap } from '@/app/_components/session-events-context'
import type { ProgressView } from '@/lab-engine/sessions/lab-attempts'
import { sendJson } from '@/lib/client/post-json'

export function useLabProgress(sessionId: string) {
  const [progress, setProgress] = useState<ProgressView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'check' | 'submit' | 'hint' | null>(null)

  const load = useCallback(async () => {
    const res = await sendJson<ProgressView>('GET', `/api/lab-sessions/${sessionId}/progress`)
    if (res.ok) setProgress(res.data)
    else setError(res.message)
  }, [sessionId])

  useEffect(() => void load(), [load])
  useEventsGap(() => void load())
  useEngineEvent('task', (e) =>
    setProgress((p) => p && { ...p, tasks: p.tasks.map((t) => (t.id === e.taskId ? { ...t, status: e.status === 'failed' ? 'pending' : e.status, messages: e.message ? [e.message] : t.messages } : t)) }),
  )

  const run = useCallback(
    async (name: 'check' | 'submit') => {
      setBusy(name)
      setError(null)
      const res = await sendJson<ProgressView>('POST', `/api/lab-sessions/${sessionId}/${name}`)
      setBusy(null)
      if (res.ok) setProgress(res.data)
      else setError(res.message)
    },
    [sessionId],
  )

  const hint = useCallback(
    async (taskId: string) => {
      setBusy('hint')
      setError(null)
      const res = await sendJson<{ hint: { index: number; text: string } }>('POST', `/api/lab-sessions/${sessionId}/hints`, { taskId })
      setBusy(null)
      if (!res.ok) return setError(res.message)
      const { index, text } = res.data.hint
      setProgress((p) => p && { ...p, tasks: p.tasks.map((t) => (t.id === taskId ? { ...t, hints: [...t.hints.slice(0, index), text] } : t)) })
    },
    [sessionId],
  )

  return { progress, error, busy, check: () => run('check'), submit: () => run('submit'), hint }
}
