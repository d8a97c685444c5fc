'use client'
// One SessionEvents socket per lab session, shared by the workbench's panes through React context.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import type { EngineEvent, EngineEventType } from '@/lab-engine/drivers/engine-event'
import { SessionEvents, type EventsStatus } from '@/lib/client/session-events'

const EventsContext = createContext<SessionEvents | null>(null)

export function SessionEventsProvider({ sessionId, children }: { sessionId: string; children: ReactNode }) {
  const [events, setEvents] = useState<SessionEvents | null>(null)
  useEffect(() => {
    const e = SessionEvents.forSession(sessionId)
    setEvents(e)
    return () => e.dispose()
  }, [sessionId])
  return <EventsContext.Provider value={events}>{children}</EventsContext.Provider>
}

/** The session's event stream, or null before it connects (or outside a provider). */
export function useSessionEvents(): SessionEvents | null {
  return useContext(EventsContext)
}

/** Calls `handler` for each event of `type`; the latest handler is used without resubscribing. */
export function useEngineEvent<T extends EngineEventType>(type: T, handler: (event: Extract<EngineEvent, { type: T }>) => void): void {
  const events = useSessionEvents()
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => events?.on(type, (e) => latest.current(e)), [events, type])
}

/** Calls `handler` when events may have been missed, so a pane can re-list what it shows. */
export function useEventsGap(handler: () => void): void {
  const events = useSessionEvents()
  const latest = useRef(handler)
  latest.current = handler
  useEffect(() => events?.onGap(() => latest.current()), [events])
}

export function useEventsStatus(): EventsStatus {
  const events = useSessionEvents()
  const [status, setStatus] = useState<EventsStatus>('connecting')
  useEffect(() => {
    if (!events) return
    setStatus(events.status)
    return events.onStatus(setStatus)
  }, [events])
  return status
}
