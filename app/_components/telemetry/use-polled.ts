'use client'
// usePolled: GET a JSON URL now and every few seconds while the panel is on screen; useOnScreen says when it is.
//
// The workbench keeps hidden tabs mounted (`hidden` panels), so a telemetry tab
// the learner is not looking at must not keep asking the server: polling stops
// when the element leaves the viewport or the browser tab is hidden, and
// resumes with an immediate fetch when it is back.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'
import { sendJson } from '@/lib/client/post-json'

/** How often the charts, traces and load test refresh while visible. */
export const POLL_MS = 5_000

/** True while `ref`'s element intersects the viewport and the document is visible. */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [intersecting, setIntersecting] = useState(false)
  const [pageVisible, setPageVisible] = useState(true)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof IntersectionObserver === 'undefined') { setIntersecting(true); return }
    const io = new IntersectionObserver((entries) => setIntersecting(entries.some((e) => e.isIntersecting)))
    io.observe(el)
    return () => io.disconnect()
  }, [ref])
  useEffect(() => {
    const apply = () => setPageVisible(document.visibilityState !== 'hidden')
    apply()
    document.addEventListener('visibilitychange', apply)
    return () => document.removeEventListener('visibilitychange', apply)
  }, [])
  return intersecting && pageVisible
}

export interface Polled<T> {
  data?: T
  error?: string
  /** Wall time of the last good answer. */
  updatedAt?: number
  loading: boolean
  reload(): void
}

/** `url` null: nothing to fetch yet. A changed URL fetches at once and drops answers to the old one. */
export function usePolled<T>(url: string | null, active: boolean, intervalMs = POLL_MS): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, 'reload'>>({ loading: true })
  const seq = useRef(0)
  const load = useCallback(async () => {
    if (!url) return
    const mine = ++seq.current
    const res = await sendJson<T>('GET', url)
    if (mine !== seq.current) return
    setState((s) => (res.ok ? { data: res.data, updatedAt: Date.now(), loading: false } : { ...s, loading: false, error: res.message }))
  }, [url])
  useEffect(() => {
    if (!active || !url) return
    void load()
    const timer = setInterval(() => void load(), intervalMs)
    return () => clearInterval(timer)
  }, [active, url, load, intervalMs])
  return { ...state, reload: () => void load() }
}
