'use client'
// Recent failed requests under the graph; opening one reads why it failed, in words (drivers with decision traces only).
import { useCallback, useEffect, useRef, useState } from 'react'
import { useEngineEvent, useEventsGap } from '@/app/_components/session-events-context'
import type { FailedRequest } from '@/lab-engine/drivers/cluster-driver'
import { sendJson } from '@/lib/client/post-json'

const REFRESH_DEBOUNCE_MS = 800
const SHOWN = 20

export function FailedRequests({ sessionId }: { sessionId: string }) {
  const [failures, setFailures] = useState<FailedRequest[] | null>(null)
  const [supported, setSupported] = useState(true)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const load = useCallback(async () => {
    const res = await sendJson<{ failures: FailedRequest[] }>('GET', `/api/lab-sessions/${sessionId}/failures?limit=${SHOWN}`)
    if (res.ok) setFailures(res.data.failures)
    else if (res.status === 404) setSupported(false)
  }, [sessionId])
  const soon = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => void load(), REFRESH_DEBOUNCE_MS)
  }, [load])

  useEffect(() => {
    void load()
    return () => void (timer.current && clearTimeout(timer.current))
  }, [load])
  useEngineEvent('request', (e) => (e.code === 0 || e.code >= 400) && soon())
  useEventsGap(soon)

  if (!supported) return null
  return (
    <details className="border-t border-slate-200 px-3 py-2 text-sm dark:border-slate-800" data-testid="failed-requests">
      <summary className="cursor-pointer font-medium">Failed requests ({failures?.length ?? 0}{failures?.length === SHOWN ? '+' : ''})</summary>
      {failures && failures.length === 0 && <p className="mt-1 text-slate-600 dark:text-slate-400">No failed requests yet.</p>}
      <ol className="mt-1 max-h-48 space-y-1 overflow-auto">
        {failures?.map((f) => (
          <li key={f.id}>
            <details>
              <summary className="cursor-pointer font-mono text-xs">
                <span className="font-semibold text-red-700 dark:text-red-400">{f.status || `curl ${f.curlExit ?? '?'}`}</span> {f.method} {f.authority}{f.path} from {f.from} at {new Date(f.atMs).toLocaleTimeString()}
              </summary>
              <ul className="ml-4 mt-1 space-y-0.5 text-xs">{f.why.map((line, i) => <li key={i}>{line}</li>)}</ul>
            </details>
          </li>
        ))}
      </ol>
    </details>
  )
}
