'use client'
// useEdgeStats: the live `edges` samples of the last WINDOW_MS as per-edge figures, re-computed as samples arrive and as old ones fade.
import { useEffect, useRef, useState } from 'react'
import { useEngineEvent, useEventsGap } from '@/app/_components/session-events-context'
import { EdgeWindow, type EdgeStats } from './edge-window'

/** How often an idle window is pruned, so finished traffic fades without new events. */
const FADE_TICK_MS = 1_000

export function useEdgeStats(): ReadonlyMap<string, EdgeStats> {
  const window = useRef(new EdgeWindow())
  const [stats, setStats] = useState<ReadonlyMap<string, EdgeStats>>(new Map())

  useEngineEvent('edges', (e) => {
    const now = performance.now()
    window.current.add(e.edges, now)
    setStats(window.current.stats(now))
  })
  // After a gap the window has holes; start over rather than show a wrong rate.
  useEventsGap(() => {
    window.current = new EdgeWindow()
    setStats(new Map())
  })
  useEffect(() => {
    const id = setInterval(() => {
      const now = performance.now()
      if (window.current.prune(now)) setStats(window.current.stats(now))
    }, FADE_TICK_MS)
    return () => clearInterval(id)
  }, [])
  return stats
}
