'use client'
// useTopology: the session's topology, fetched once and again after relevant `resource` events (debounced) and after event gaps.
import { useCallback, useEffect, useRef, useState } from 'react'
import { useEngineEvent, useEventsGap } from '@/app/_components/session-events-context'
import type { DriverCapabilities } from '@/lab-engine/drivers/cluster-driver'
import { TOPOLOGY_VERSION, type MeshTopology } from '@/lab-engine/mesh/graph/types'
import { sendJson } from '@/lib/client/post-json'
import { affectsTopology, REFRESH_DEBOUNCE_MS } from './topology-refresh'

export interface TopologyState {
  topology?: MeshTopology
  capabilities?: DriverCapabilities
  error?: string
  loading: boolean
}

export function useTopology(sessionId: string): TopologyState & { reload: () => void } {
  const [state, setState] = useState<TopologyState>({ loading: true })
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const seq = useRef(0)

  const load = useCallback(async () => {
    const mine = ++seq.current
    const res = await sendJson<{ topology: MeshTopology; capabilities: DriverCapabilities }>('GET', `/api/lab-sessions/${encodeURIComponent(sessionId)}/topology`)
    if (mine !== seq.current) return // a newer fetch started meanwhile
    if (!res.ok) return setState((s) => ({ ...s, loading: false, error: res.message }))
    if (res.data.topology.v !== TOPOLOGY_VERSION) return setState((s) => ({ ...s, loading: false, error: 'The graph needs a page reload (the server was updated).' }))
    setState({ topology: res.data.topology, capabilities: res.data.capabilities, loading: false })
  }, [sessionId])

  const reload = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void load(), REFRESH_DEBOUNCE_MS)
  }, [load])

  useEffect(() => {
    void load()
    return () => clearTimeout(timer.current)
  }, [load])

  useEngineEvent('resource', (e) => { if (affectsTopology(e)) reload() })
  useEventsGap(reload)
  return { ...state, reload }
}
