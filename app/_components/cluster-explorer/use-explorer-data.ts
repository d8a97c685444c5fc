'use client'
// The explorer's live data: a kind's rows (re-listed after matching `resource` events and gaps) and the open object's YAML.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useEngineEvent, useEventsGap } from '@/app/_components/session-events-context'
import { sendJson } from '@/lib/client/post-json'
import type { ObjectTable } from '@/app/api/lab-sessions/[id]/objects/object-rows'
import { affectsList, affectsSelection, type ExplorerKind, type Selection } from './explorer-kinds'

/** Events arrive in bursts (a rollout); one re-list after the burst. */
export const RELIST_DEBOUNCE_MS = 300

const base = (sessionId: string) => `/api/lab-sessions/${encodeURIComponent(sessionId)}/objects`

/** Calls `fn` once, `ms` after the last call. */
function useDebounced(fn: () => void, ms: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const latest = useRef(fn)
  latest.current = fn
  useEffect(() => () => clearTimeout(timer.current), [])
  return useCallback(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => latest.current(), ms)
  }, [ms])
}

export function useObjectTable(sessionId: string, kind: ExplorerKind, namespace: string) {
  const [table, setTable] = useState<ObjectTable | null>(null)
  const [error, setError] = useState<string | null>(null)
  const seq = useRef(0)
  const load = useCallback(async () => {
    const mine = ++seq.current
    const ns = kind.namespaced && namespace ? `&namespace=${encodeURIComponent(namespace)}` : ''
    const res = await sendJson<ObjectTable>('GET', `${base(sessionId)}?kind=${encodeURIComponent(kind.resource)}${ns}`)
    if (mine !== seq.current) return
    if (res.ok) { setTable(res.data); setError(null) } else setError(res.message)
  }, [sessionId, kind, namespace])
  const relist = useDebounced(() => void load(), RELIST_DEBOUNCE_MS)
  useEffect(() => { setTable(null); void load() }, [load])
  useEngineEvent('resource', (e) => { if (affectsList(e, kind, namespace)) relist() })
  useEventsGap(relist)
  return { table, error }
}

export type YamlState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; yaml: string } | { status: 'deleted'; yaml: string } | { status: 'error'; message: string }

export function useObjectYaml(sessionId: string, kind: ExplorerKind, selection: Selection | null): YamlState {
  const [state, setState] = useState<YamlState>({ status: 'idle' })
  const seq = useRef(0)
  const load = useCallback(async () => {
    const mine = ++seq.current
    if (!selection) return setState({ status: 'idle' })
    const ns = selection.namespace ? `&namespace=${encodeURIComponent(selection.namespace)}` : ''
    const res = await sendJson<{ yaml: string }>('GET', `${base(sessionId)}/yaml?kind=${encodeURIComponent(kind.resource)}&name=${encodeURIComponent(selection.name)}${ns}`)
    if (mine !== seq.current) return
    setState(res.ok ? { status: 'ready', yaml: res.data.yaml } : { status: 'error', message: res.message })
  }, [sessionId, kind, selection])
  const reload = useDebounced(() => void load(), RELIST_DEBOUNCE_MS)
  useEffect(() => { setState(selection ? { status: 'loading' } : { status: 'idle' }); void load() }, [load, selection])
  useEngineEvent('resource', (e) => {
    if (!affectsSelection(e, selection)) return
    if (e.change === 'deleted') setState((s) => ({ status: 'deleted', yaml: s.status === 'ready' ? s.yaml : '' }))
    else reload()
  })
  useEventsGap(reload)
  return state
}
